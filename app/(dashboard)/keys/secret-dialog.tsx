"use client";
// The raw key, shown exactly once (after create or roll), with a copy button.
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import type { IssuedKey } from "./types";

export function SecretDialog({ issued, onClose, rolled }: { issued: IssuedKey | null; onClose: () => void; rolled?: boolean }) {
  return (
    <ShownOnceDialog
      value={issued?.key ?? null}
      id="issued-key"
      title={rolled ? "Your replacement key" : "Your new API key"}
      description={issued ? <>Key <span className="font-medium text-fg">{issued.name}</span> is ready. Use it as <code className="font-mono text-xs">Authorization: Bearer …</code></> : null}
      label="API key"
      what="the key"
      warning="Only a hash of the key is stored, so nobody can show it to you later. If it is lost, roll the key to get a new one."
      onClose={onClose}
    />
  );
}
