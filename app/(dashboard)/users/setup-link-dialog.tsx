"use client";
// A setup link, shown exactly once (after adding a user without a password, or a password reset),
// with a copy button and its expiry. Only a hash of the link's token is stored.
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { IssuedLink } from "./types";

export function SetupLinkDialog({ link, onClose }: { link: IssuedLink | null; onClose: () => void }) {
  return (
    <ShownOnceDialog
      value={link?.url ?? null}
      id="setup-link"
      title={link?.reset ? "Password reset: setup link" : "User added: setup link"}
      description={link ? <>Send this link to <span className="font-medium text-fg">{link.email}</span>: it opens a page where they choose their password{link.reset ? " (their old one no longer works)" : ""}.</> : null}
      label="Setup link"
      what="the link"
      warning="The link works once. If it is lost or expires, reset the password to get a new one."
      copyLabel="Copy link"
      doneLabel="I have sent it"
      fieldClassName="flex flex-col gap-2 sm:flex-row sm:items-center"
      onClose={onClose}
    >
      {link ? (
        <p className="text-[13px] text-fg-muted" suppressHydrationWarning>
          Expires <time dateTime={new Date(link.expiresAt).toISOString()} className="font-medium text-fg">{dateTime(link.expiresAt)}</time> ({relativeTime(link.expiresAt)}).
        </p>
      ) : null}
    </ShownOnceDialog>
  );
}
