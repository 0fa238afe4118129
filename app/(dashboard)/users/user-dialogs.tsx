"use client";
// The confirmations of the row menu: change role, disable, reset password, sign out everywhere,
// delete. Each runs its server action; a refusal (the last active admin's 409, a 403…) is shown
// inside the dialog as the server's message, and the dialog stays open.
import { count } from "@/lib/format/count";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions/validated-action";
import type { Role } from "@/lib/auth/rules/scopes";
import { deleteUserAction, resetPasswordAction, resetTwoFactorAction, revokeSessionsAction, updateUserAction } from "./actions";
import { ROLE_OPTIONS, displayName, type IssuedLink, type UserRow } from "./types";

async function must<T>(p: Promise<ActionResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

type Props = { row: UserRow | null; isSelf: boolean; onClose: () => void; onDone: (message: string) => void };
const plural = (n: number, one: string) => count(n, one);
const selfNote = (isSelf: boolean) => (isSelf ? " This is you: you will be signed out too." : "");

export function RoleDialog({ row, isSelf, onClose, onDone }: Props) {
  const [role, setRole] = useState<Role | null>(null);
  const value = role ?? row?.role ?? "viewer";
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) { setRole(null); onClose(); } }}
      title={`Change the role of ${row ? displayName(row) : ""}`}
      description={`The new role applies from their next click; they stay signed in.${isSelf ? " This is you: a lower role takes this page away from you." : ""}`}
      confirmLabel="Change role"
      onConfirm={async () => {
        await must(updateUserAction({ id: row!.id, role: value }));
        setRole(null);
        onDone(`${row!.email} is now ${value === "admin" ? "an" : "a"} ${value}.`);
      }}
    >
      <Field label="Role" hint={ROLE_OPTIONS.find((r) => r.value === value)?.hint}>
        <Select value={value} onChange={(e) => setRole(e.target.value as Role)}
          options={ROLE_OPTIONS.map((r) => ({ value: r.value, label: `${r.label}${r.value === row?.role ? " (current)" : ""}` }))} />
      </Field>
    </ConfirmDialog>
  );
}

export function DisableDialog({ row, isSelf, onClose, onDone }: Props) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Disable ${row ? displayName(row) : ""}?`}
      description={`Every session of ${row?.email ?? ""} ends now and they cannot sign in until enabled again.${selfNote(isSelf)}`}
      confirmLabel="Disable user"
      destructive
      onConfirm={async () => {
        await must(updateUserAction({ id: row!.id, disabled: true }));
        onDone(`${row!.email} is disabled and signed out everywhere.`);
      }}
    />
  );
}

export function ResetDialog({ row, isSelf, onClose, onIssued }: Omit<Props, "onDone"> & { onIssued: (link: IssuedLink) => void }) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Reset the password of ${row ? displayName(row) : ""}?`}
      description={`Their password stops working and every session ends now. You get a one-time link, valid 24 hours, for them to choose a new one.${selfNote(isSelf)}`}
      confirmLabel="Reset password"
      destructive
      onConfirm={async () => {
        const r = await must(resetPasswordAction({ id: row!.id }));
        onIssued({ email: row!.email, url: r.setupUrl, expiresAt: r.expiresAt, reset: true });
      }}
    />
  );
}

export function TwoFactorResetDialog({ row, onClose, onDone }: Props) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Reset two-factor sign-in of ${row ? displayName(row) : ""}?`}
      description={`Their authenticator app and recovery codes stop working; they sign in with their password alone and can enrol a new device on their account page (at once, where two-factor is required).`}
      confirmLabel="Reset two-factor"
      destructive
      onConfirm={async () => {
        await must(resetTwoFactorAction({ id: row!.id }));
        onDone(`${row!.email}: two-factor sign-in was reset.`);
      }}
    />
  );
}

export function SignOutDialog({ row, isSelf, onClose, onDone }: Props) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Sign ${row ? displayName(row) : ""} out everywhere?`}
      description={`Every browser where ${row?.email ?? ""} is signed in (${plural(row?.activeSessions ?? 0, "session")}) is signed out on its next click. Their password keeps working.${selfNote(isSelf)}`}
      confirmLabel="Sign out everywhere"
      destructive
      onConfirm={async () => {
        const r = await must(revokeSessionsAction({ id: row!.id }));
        onDone(`${row!.email}: ${plural(r.revokedSessions, "session")} ended.`);
      }}
    />
  );
}

export function DeleteDialog({ row, isSelf, onClose, onDone }: Props) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Delete ${row ? displayName(row) : ""} permanently?`}
      description={
        <>
          <strong className="font-medium text-fg">Disabling is usually what you want</strong>: a disabled user cannot sign in either,
          and can be enabled again. Deleting removes the account and its sessions for good (the audit log keeps the record).
          {selfNote(isSelf)}
        </>
      }
      confirmLabel="Delete permanently"
      destructive
      confirmText={row?.email}
      onConfirm={async () => {
        await must(deleteUserAction({ id: row!.id }));
        onDone(`${row!.email} was deleted.`);
      }}
    />
  );
}
