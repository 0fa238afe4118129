// Delete a route, audited route.delete, announced after commit.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { findVisibleRoute, routeChanged, routeSnapshot } from "./route-records";

/** Deletes a route (`routes:write`); 404 when unknown or invisible. */
export async function deleteRoute(p: Principal, id: string): Promise<{ id: string; deleted: true }> {
  requireScope(p, "routes:write");
  const before = await findVisibleRoute(p, id);
  await auditedTransaction(async (tx) => {
    await tx.agentRoute.delete({ where: { id } });
    await writeAudit(tx, p, {
      action: "route.delete", targetType: "route", targetId: id, before: routeSnapshot(before),
      subjects: [before.instanceId, before.chatId, before.personId].filter((s): s is string => !!s),
    });
  });
  routeChanged(before.instanceId, [before]);
  return { id, deleted: true };
}
