// Changing a dashboard user: name, role, disabled. A role change keeps the user's sessions (the
// new scopes apply from their next request); disabling ends every session at once.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { conflict } from "../errors";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { revokeUserSessions } from "../sessions/session-store";
import type { UserUpdate } from "./schemas";
import { countActiveAdmins, lockAndFindUser, requireRoleGrant, requireUserWriter, userAuditView, userView, userViews, type UserView } from "./user-view";
import { removesLastAdmin } from "./rules/user-admin";
import { assertIfMatch, type IfMatch } from "../api/etag";

/** 409 naming why: the workspace must keep one active admin. */
export const lastAdminConflict = (what: string) =>
  conflict(`This is the last active admin: it cannot be ${what}. Make another user admin first.`, { reason: "last-admin" });

/**
 * users:write; the caller must cover the user's current role and any new one (403). The last
 * active admin cannot be demoted or disabled (409). A PATCH that changes nothing writes nothing.
 * Audited as `user.update` (name, role) and `user.disable` / `user.enable`. `ifMatch` (a parsed
 * If-Match) is checked against the user as locked and read inside the transaction (412 when stale).
 */
export async function updateUser(p: Principal, id: string, input: UserUpdate, ifMatch?: IfMatch): Promise<UserView> {
  requireUserWriter(p);
  if (input.role !== undefined) requireRoleGrant(p, input.role);
  const { row, changed } = await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    assertIfMatch(ifMatch, userView(before));
    requireRoleGrant(p, before.role, "manage");
    const data: { name?: string | null; role?: string; disabled?: boolean } = {};
    if (input.name !== undefined && (input.name?.trim() || null) !== before.name) data.name = input.name?.trim() || null;
    if (input.role !== undefined && input.role !== before.role) data.role = input.role;
    if (input.disabled !== undefined && input.disabled !== before.disabled) data.disabled = input.disabled;
    if (Object.keys(data).length === 0) return { row: before, changed: false };
    const next = { role: data.role ?? before.role, disabled: data.disabled ?? before.disabled };
    if (removesLastAdmin(before, next, await countActiveAdmins(tx))) throw lastAdminConflict(data.disabled ? "disabled" : "demoted");
    const after = await tx.user.update({ where: { id }, data });
    const revokedSessions = data.disabled ? await revokeUserSessions(tx, id) : 0;
    if (data.name !== undefined || data.role !== undefined) {
      await writeAudit(tx, p, { action: "user.update", targetType: "user", targetId: id, before: userAuditView(before), after: userAuditView(after) });
    }
    if (data.disabled !== undefined) {
      await writeAudit(tx, p, {
        action: data.disabled ? "user.disable" : "user.enable", targetType: "user", targetId: id,
        before: userAuditView(before), after: { ...userAuditView(after), ...(data.disabled ? { revokedSessions } : {}) },
      });
    }
    return { row: after, changed: true };
  });
  if (changed) emitChange({ kind: "user", id });
  const [view] = await userViews([row]);
  return view;
}
