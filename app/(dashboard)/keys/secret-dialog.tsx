"use client";
// The raw key, shown exactly once (after create or roll), with a copy button.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField, useCopy } from "@/components/ui/copy-field";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { IssuedKey } from "./types";

export function SecretDialog({ issued, onClose, rolled }: { issued: IssuedKey | null; onClose: () => void; rolled?: boolean }) {
  const copying = useCopy("issued-key");
  const close = () => { copying.reset(); onClose(); };
  return (
    <Dialog open={!!issued} onOpenChange={(o) => { if (!o) close(); }}>
      <DialogContent size="lg" onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{rolled ? "Your replacement key" : "Your new API key"}</DialogTitle>
          <DialogDescription>
            {issued ? <>Key <span className="font-medium text-fg">{issued.name}</span> is ready. Use it as <code className="font-mono text-xs">Authorization: Bearer …</code></> : null}
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <Alert tone="warning" title="Copy it now: it will not be shown again">
            Only a hash of the key is stored, so nobody can show it to you later. If it is lost, roll the key to get a new one.
          </Alert>
          <CopyField id="issued-key" label="API key" value={issued?.key ?? ""} copyLabel="Copy" what="the key" state={copying} />
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant={copying.copied ? "primary" : "secondary"} onClick={close}>
            {copying.copied ? "Done" : "I have stored it"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
