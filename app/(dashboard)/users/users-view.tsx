"use client";
// The Users page body: the add button, the table, and the dialogs; each change says what happened
// in a toast, as every other page's actions do.
import { count } from "@/lib/format/count";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SearchInput } from "@/components/ui/search-input";
import { notifyDone, notifyFailed } from "@/components/ui/toast";
import { InviteDialog } from "./invite-dialog";
import { SetupLinkDialog } from "./setup-link-dialog";
import { DeleteDialog, DisableDialog, ResetDialog, RoleDialog, SignOutDialog, TwoFactorResetDialog } from "./user-dialogs";
import { UsersTable } from "./users-table";
import { updateUserAction } from "./actions";
import type { IssuedLink, RowAction, UserRow } from "./types";

const plural = (n: number, one: string) => count(n, one);

export function UsersView({ rows, currentUserId, canWrite, ssoManagedRoles = false }: {
  rows: UserRow[];
  /** OMNI_OIDC_ROLE_MAP is set: SSO users' roles are shown as managed by SSO */
  ssoManagedRoles?: boolean;
  currentUserId: string | null;
  /** users:write: add, change, disable, reset, sign out and delete; without it the page is read-only */
  canWrite: boolean;
}) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ action: Exclude<RowAction, "enable">; row: UserRow } | null>(null);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const visible = q ? rows.filter((r) => r.email.includes(q) || (r.name ?? "").toLowerCase().includes(q)) : rows;

  const activeAdmins = rows.filter((r) => r.role === "admin" && !r.disabled).length;
  const refresh = () => router.refresh();
  const done = (text: string) => { notifyDone(text); refresh(); };
  const rowFor = (a: RowAction) => (dialog?.action === a ? dialog.row : null);
  const close = () => setDialog(null);
  const common = { isSelf: !!dialog && dialog.row.id === currentUserId, onClose: close, onDone: done };

  async function enable(row: UserRow) {
    try {
      const r = await updateUserAction({ id: row.id, disabled: false });
      if (r.ok) done(`${row.email} is enabled: they can sign in again.`);
      else notifyFailed(`Could not enable ${row.email}`, r.error);
    } catch {
      notifyFailed(`Could not enable ${row.email}`, "Could not reach the server. Check your connection and try again.");
    }
  }
  const onAction = (action: RowAction, row: UserRow) => {
    if (action === "enable") void enable(row);
    else setDialog({ action, row });
  };

  const addButton = canWrite ? (
    <Button onClick={() => setCreating(true)} size="sm">
      <UserPlus aria-hidden="true" className="size-4" />
      Add user
    </Button>
  ) : null;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-2">
          <SearchInput className="w-full max-w-xs" size="sm" aria-label="Search users" placeholder="Email or name" value={query} onValueChange={setQuery} />
          <p className="text-[13px] text-fg-muted">{plural(rows.length, "user")} · {plural(activeAdmins, "active admin")}</p>
        </div>
        {addButton}
      </div>
      <UsersTable rows={visible} currentUserId={currentUserId} canWrite={canWrite} onAction={onAction} emptyAction={addButton} filtered={!!q} ssoManagedRoles={ssoManagedRoles} />

      <InviteDialog open={creating} onOpenChange={setCreating}
        onCreated={(u) => {
          if (u.setupUrl && u.setupExpiresAt) setLink({ email: u.email, url: u.setupUrl, expiresAt: u.setupExpiresAt, reset: false });
          else notifyDone(`${u.email} was added and can sign in with the password you set.`);
          refresh();
        }} />
      <SetupLinkDialog link={link} onClose={() => setLink(null)} />
      <RoleDialog row={rowFor("role")} {...common} />
      <DisableDialog row={rowFor("disable")} {...common} />
      <ResetDialog row={rowFor("reset")} isSelf={common.isSelf} onClose={close} onIssued={(l) => { setLink(l); refresh(); }} />
      <TwoFactorResetDialog row={rowFor("twofactor")} {...common} />
      <SignOutDialog row={rowFor("signout")} {...common} />
      <DeleteDialog row={rowFor("delete")} {...common} />
    </>
  );
}
