// "Sign out everywhere" for a user, by an admin.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { revokeUserSessions } from "../sessions/session-store";
import { lockAndFindUser, requireRoleGrant, requireUserWriter } from "./user-view";

/**
 * users:write; covers the user's role (403). Ends every session of the user (their next request,
 * in any app process, is a 401). `{ userId, revokedSessions }`; audited as `user.signout`.
 */
export async function revokeSessionsOfUser(p: Principal, id: string): Promise<{ userId: string; revokedSessions: number }> {
  requireUserWriter(p);
  const revokedSessions = await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    requireRoleGrant(p, before.role, "manage");
    const n = await revokeUserSessions(tx, id);
    await writeAudit(tx, p, { action: "user.signout", targetType: "user", targetId: id, after: { revokedSessions: n } });
    return n;
  });
  emitChange({ kind: "user", id });
  return { userId: id, revokedSessions };
}
