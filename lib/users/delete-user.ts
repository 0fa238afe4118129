// Deleting a dashboard user: their sessions go with the row (and stop working at once).
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { countActiveAdmins, lockAndFindUser, requireRoleGrant, requireUserWriter, userAuditView, userView } from "./user-view";
import { removesLastAdmin } from "./rules/user-admin";
import { lastAdminConflict } from "./update-user";
import { blockSignIn } from "../sso/sign-in-block";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * users:write; covers the user's role (403); never the last active admin (409); 412 when `ifMatch`
 * (a parsed If-Match) does not match the user as read in the transaction. Audited as `user.delete`.
 * A user who signed in by SSO or proxy header stays refused at sign-in until an admin adds a user
 * with that email again.
 */
export async function deleteUser(p: Principal, id: string, ifMatch?: IfMatch): Promise<{ id: string; deleted: true }> {
  requireUserWriter(p);
  await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    assertIfMatch(ifMatch, userView(before));
    requireRoleGrant(p, before.role, "manage");
    if (removesLastAdmin(before, null, await countActiveAdmins(tx))) throw lastAdminConflict("deleted");
    await tx.user.delete({ where: { id } }); // its Session rows cascade
    // an SSO / proxy identity must not come straight back by signing in again (the provider still says yes)
    if (before.authMethod !== "password") await blockSignIn(tx, before);
    await writeAudit(tx, p, { action: "user.delete", targetType: "user", targetId: id, before: userAuditView(before) });
  });
  emitChange({ kind: "user", id });
  return { id, deleted: true };
}
