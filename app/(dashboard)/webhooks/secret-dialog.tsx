"use client";
// A webhook's signing secret, shown exactly once (after create or rotate), with a copy button.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField, useCopy } from "@/components/ui/copy-field";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { IssuedSecret } from "./types";

export function WebhookSecretDialog({ issued, rotated, onClose }: { issued: IssuedSecret | null; rotated?: boolean; onClose: () => void }) {
  const copying = useCopy("webhook-secret");
  const close = () => { copying.reset(); onClose(); };
  return (
    <Dialog open={!!issued} onOpenChange={(o) => { if (!o) close(); }}>
      <DialogContent size="lg" onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{rotated ? "New signing secret" : "Webhook created"}</DialogTitle>
          <DialogDescription>
            {issued ? <>Deliveries to <span className="font-medium text-fg break-all">{issued.url}</span> are signed with this secret (<code className="font-mono text-xs">webhook-signature</code> header).</> : null}
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <Alert tone="warning" title="Copy it now: it will not be shown again">
            {rotated ? "For the next 24 h deliveries carry two signatures, the old secret's and this one's, so your receiver can switch without missing events." : "Your receiver verifies each delivery with it; rotate it if it leaks."}
          </Alert>
          <CopyField id="webhook-secret" label="Signing secret" value={issued?.secret ?? ""} copyLabel="Copy" what="the secret" state={copying} />
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
