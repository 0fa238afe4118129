// Change a route (any subset of its fields), audited route.update, announced after commit.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import type { Prisma } from "../generated/prisma/client";
import { validationError } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { routeTargetIssues } from "./rules/target-issues";
import { findVisibleRoute, routeChanged, routeSnapshot, routeViewSelect, type RouteView } from "./route-records";
import { checkReferences, type RouteTarget } from "./route-references";
import { changedFields } from "../audit/rules/changed-fields";

/**
 * Applies `patch` (`routes:write`); the merged route must satisfy the chat-xor-person rule (400).
 * Writes only the fields that change; a patch that changes nothing writes nothing.
 */
export async function updateRoute(p: Principal, id: string, patch: RouteUpdate): Promise<RouteView> {
  requireScope(p, "routes:write");
  const before = await findVisibleRoute(p, id);
  if (patch.instanceId !== undefined) requireInstance(p, patch.instanceId);

  // The merged route must satisfy the chat-xor-person rule. Switching scope clears the other
  // target unless the patch names it (then the rule reports the contradiction).
  const merged: RouteTarget = {
    instanceId: patch.instanceId ?? before.instanceId,
    scope: (patch.scope ?? before.scope) as RouteTarget["scope"],
    agentId: patch.agentId ?? before.agentId,
    chatId: patch.chatId !== undefined ? patch.chatId : before.chatId,
    personId: patch.personId !== undefined ? patch.personId : before.personId,
  };
  if (patch.scope === "chat" && patch.personId === undefined) merged.personId = null;
  if (patch.scope === "user" && patch.chatId === undefined) merged.chatId = null;
  const issues = routeTargetIssues(merged);
  if (issues.length) {
    const fields: Record<string, string[]> = {};
    for (const i of issues) (fields[i.path] ??= []).push(i.message);
    throw validationError("Invalid input.", fields);
  }
  await checkReferences(merged, {
    instanceId: merged.instanceId !== before.instanceId,
    chatId: merged.chatId !== before.chatId,
    personId: merged.personId !== before.personId,
    agentId: merged.agentId !== before.agentId,
  });

  const candidate: Record<string, unknown> = { ...merged };
  for (const k of ["timeout", "stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "gateModel", "gatePrompt", "replyFilterMode", "label", "priority", "active"] as const) {
    if (patch[k] !== undefined) candidate[k] = patch[k];
  }
  // Only what changes is written; a PATCH that changes nothing writes nothing (contract).
  const changed = changedFields(routeSnapshot(before) as Record<string, unknown>, candidate);
  if (!changed.length) return before;
  const data = Object.fromEntries(changed.map((k) => [k, candidate[k]])) as Prisma.AgentRouteUncheckedUpdateInput;
  const row = await auditedTransaction(async (tx) => {
    const after = await tx.agentRoute.update({ where: { id }, data, select: routeViewSelect });
    await writeAudit(tx, p, {
      action: "route.update", targetType: "route", targetId: id, before: routeSnapshot(before), after: routeSnapshot(after),
      subjects: [before.instanceId, after.instanceId, before.chatId, after.chatId, before.personId, after.personId].filter((s): s is string => !!s),
    });
    return after;
  });
  routeChanged(before.instanceId, [before, row]);
  if (row.instanceId !== before.instanceId) routeChanged(row.instanceId, [before, row]);
  return row;
}

