"use client";
// A setup link, shown exactly once (after adding a user without a password, or a password reset),
// with a copy button and its expiry. Only a hash of the link's token is stored.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField, useCopy } from "@/components/ui/copy-field";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { IssuedLink } from "./types";

export function SetupLinkDialog({ link, onClose }: { link: IssuedLink | null; onClose: () => void }) {
  const copying = useCopy("setup-link");
  const close = () => { copying.reset(); onClose(); };
  return (
    <Dialog open={!!link} onOpenChange={(o) => { if (!o) close(); }}>
      <DialogContent size="lg" onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{link?.reset ? "Password reset: setup link" : "User added: setup link"}</DialogTitle>
          <DialogDescription>
            {link ? <>Send this link to <span className="font-medium text-fg">{link.email}</span>: it opens a page where they choose their password{link.reset ? " (their old one no longer works)" : ""}.</> : null}
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <Alert tone="warning" title="Copy it now: it will not be shown again">
            The link works once. If it is lost or expires, reset the password to get a new one.
          </Alert>
          <CopyField id="setup-link" label="Setup link" value={link?.url ?? ""} copyLabel="Copy link" what="the link" state={copying}
            className="flex flex-col gap-2 sm:flex-row sm:items-center">
            {link ? (
              <p className="text-[13px] text-fg-muted" suppressHydrationWarning>
                Expires <time dateTime={new Date(link.expiresAt).toISOString()} className="font-medium text-fg">{dateTime(link.expiresAt)}</time> ({relativeTime(link.expiresAt)}).
              </p>
            ) : null}
          </CopyField>
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant={copying.copied ? "primary" : "secondary"} onClick={close}>
            {copying.copied ? "Done" : "I have sent it"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
