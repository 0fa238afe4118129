"use client";
// A secret shown exactly once (a new API key, a webhook's signing secret, a user's setup link): a dialog that cannot be
// dismissed by a click outside, a warning that it will not be shown again, the value in a
// CopyField, and a close button that turns into "Done" once the value was copied.
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField, useCopy } from "@/components/ui/copy-field";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * Open while `value` is non-null. `id` is the input's id (unique on the page); `label` names the
 * field for screen readers and `what` the value in the clipboard fallback ("the key"); `warning`
 * is the body of the "Copy it now" alert. `onClose` runs when the user closes it. `copyLabel`
 * (default "Copy") names the copy button, `doneLabel` (default "I have stored it") the close
 * button until the value was copied; `children` go beside the field (laid out by `fieldClassName`).
 */
export function ShownOnceDialog({ value, id, title, description, label, what, warning, onClose, copyLabel = "Copy", doneLabel = "I have stored it", fieldClassName, children }: {
  value: string | null; id: string; title: ReactNode; description?: ReactNode; label: string; what: string; warning: ReactNode; onClose: () => void;
  copyLabel?: string; doneLabel?: string; fieldClassName?: string; children?: ReactNode;
}) {
  const copying = useCopy(id);
  const close = () => { copying.reset(); onClose(); };
  return (
    <Dialog open={value !== null} onOpenChange={(o) => { if (!o) close(); }}>
      <DialogContent size="lg" onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{value !== null ? description : null}</DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <Alert tone="warning" title="Copy it now: it will not be shown again">{warning}</Alert>
          <CopyField id={id} label={label} value={value ?? ""} copyLabel={copyLabel} what={what} state={copying} className={fieldClassName}>
            {children}
          </CopyField>
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant={copying.copied ? "primary" : "secondary"} onClick={close}>
            {copying.copied ? "Done" : doneLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
