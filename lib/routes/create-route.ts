// Create a route, audited route.create, announced to the resolution cache after commit.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteCreate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { personNotFound } from "../persons/merged-away";
import { routeChange, routeSnapshot, routeViewSelect, type RouteView } from "./route-records";
import { checkReferences, type RouteTarget } from "./route-references";

/** Creates a route (`routes:write`, on an instance the principal may use); 404 for a missing reference. */
export async function createRoute(p: Principal, input: RouteCreate): Promise<RouteView> {
  requireScope(p, "routes:write");
  requireInstance(p, input.instanceId);
  const target: RouteTarget = {
    instanceId: input.instanceId, scope: input.scope, agentId: input.agentId,
    chatId: input.scope === "chat" ? input.chatId ?? null : null,
    personId: input.scope === "user" ? input.personId ?? null : null,
  };
  await checkReferences(target);
  const row = await auditedTransaction(async (tx) => {
    // A user route's person is locked (and, on PostgreSQL, rewritten) first: a merge of that person
    // that read its routes before this commits then finds it changed and reads again, rather than
    // deleting the person with a route it never saw (merge-persons.ts).
    // 404 (with where it went) when the person was merged away or deleted since it was checked.
    if (target.personId && !(await lockRows(tx, { person: [target.personId] })).has(target.personId)) throw await personNotFound(p, target.personId, "Person", tx);
    const created = await tx.agentRoute.create({
      data: {
        ...target,
        timeout: input.timeout ?? null,
        stream: input.stream, prefixSender: input.prefixSender, waitMedia: input.waitMedia, sendMediaPath: input.sendMediaPath,
        gate: input.gate, gateModel: input.gateModel ?? null, gatePrompt: input.gatePrompt ?? null,
        replyFilterMode: input.replyFilterMode, label: input.label ?? null, priority: input.priority, active: input.active,
      },
      select: routeViewSelect,
    });
    await writeAudit(tx, p, {
      action: "route.create", targetType: "route", targetId: created.id, after: routeSnapshot(created),
      subjects: [created.instanceId, created.chatId, created.personId].filter((s): s is string => !!s),
      changes: [routeChange(created.instanceId, [created])],
    });
    return created;
  });
  return row;
}

