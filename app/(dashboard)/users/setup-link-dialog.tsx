"use client";
// A setup link, shown exactly once (after adding a user without a password, or a password reset),
// with a copy button and its expiry. Only a hash of the link's token is stored.
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { IssuedLink } from "./types";

export function SetupLinkDialog({ link, onClose }: { link: IssuedLink | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const close = () => { setCopied(false); setCopyFailed(false); onClose(); };
  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
      (document.getElementById("setup-link") as HTMLInputElement | null)?.select();
    }
  }
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
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <label htmlFor="setup-link" className="sr-only">Setup link</label>
            <input
              id="setup-link"
              readOnly
              value={link?.url ?? ""}
              onFocus={(e) => e.currentTarget.select()}
              className="h-10 min-w-0 flex-1 rounded-md border border-border bg-muted/50 px-3 font-mono text-[13px] text-fg outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
              spellCheck={false}
            />
            <Button type="button" onClick={copy} variant={copied ? "secondary" : "primary"} aria-live="polite">
              {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
          {link ? (
            <p className="text-[13px] text-fg-muted" suppressHydrationWarning>
              Expires <time dateTime={new Date(link.expiresAt).toISOString()} className="font-medium text-fg">{dateTime(link.expiresAt)}</time> ({relativeTime(link.expiresAt)}).
            </p>
          ) : null}
          {copyFailed ? <p className="text-xs text-danger">Copying was blocked by the browser: the link is selected, press Ctrl+C / ⌘C.</p> : null}
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant={copied ? "primary" : "secondary"} onClick={close}>
            {copied ? "Done" : "I have sent it"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
