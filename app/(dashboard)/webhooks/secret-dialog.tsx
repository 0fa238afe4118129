"use client";
// A webhook's signing secret, shown exactly once (after create or rotate), with a copy button.
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import type { IssuedSecret } from "./types";

export function WebhookSecretDialog({ issued, rotated, onClose }: { issued: IssuedSecret | null; rotated?: boolean; onClose: () => void }) {
  return (
    <ShownOnceDialog
      value={issued?.secret ?? null}
      id="webhook-secret"
      title={rotated ? "New signing secret" : "Webhook created"}
      description={issued ? <>Deliveries to <span className="font-medium text-fg break-all">{issued.url}</span> are signed with this secret (<code className="font-mono text-xs">webhook-signature</code> header).</> : null}
      label="Signing secret"
      what="the secret"
      warning={rotated ? "For the next 24 h deliveries carry two signatures, the old secret's and this one's, so your receiver can switch without missing events." : "Your receiver verifies each delivery with it; rotate it if it leaks."}
      onClose={onClose}
    />
  );
}
