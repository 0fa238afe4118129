// Delete a route, audited route.delete, announced after commit.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { findVisibleRoute, routeChange, routeSnapshot } from "./route-records";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Deletes a route (`routes:write`); 404 when unknown or invisible; 412 when `ifMatch` (a parsed
 * If-Match) does not match the route as locked and read inside the transaction.
 */
export async function deleteRoute(p: Principal, id: string, ifMatch?: IfMatch): Promise<{ id: string; deleted: true }> {
  requireScope(p, "routes:write");
  await auditedTransaction(async (tx) => {
    await lockRows(tx, { route: [id] });
    const before = await findVisibleRoute(p, id, tx);
    assertIfMatch(ifMatch, before);
    await tx.agentRoute.delete({ where: { id } });
    await writeAudit(tx, p, {
      action: "route.delete", targetType: "route", targetId: id, before: routeSnapshot(before),
      subjects: [before.instanceId, before.chatId, before.personId].filter((s): s is string => !!s),
      changes: [routeChange(before.instanceId, [before])],
    });
  });
  return { id, deleted: true };
}
