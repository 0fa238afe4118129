// Deleting a dashboard user: their sessions go with the row (and stop working at once).
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { countActiveAdmins, lockAndFindUser, requireRoleGrant, requireUserWriter, userAuditView } from "./user-view";
import { removesLastAdmin } from "./rules/user-admin";
import { lastAdminConflict } from "./update-user";

/** users:write; covers the user's role (403); never the last active admin (409). Audited as `user.delete`. */
export async function deleteUser(p: Principal, id: string): Promise<{ id: string; deleted: true }> {
  requireUserWriter(p);
  await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    requireRoleGrant(p, before.role, "manage");
    if (removesLastAdmin(before, null, await countActiveAdmins(tx))) throw lastAdminConflict("deleted");
    await tx.user.delete({ where: { id } }); // its Session rows cascade
    await writeAudit(tx, p, { action: "user.delete", targetType: "user", targetId: id, before: userAuditView(before) });
  });
  emitChange({ kind: "user", id });
  return { id, deleted: true };
}
