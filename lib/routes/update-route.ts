// Change a route (any subset of its fields), audited route.update, announced after commit.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import type { Prisma } from "../generated/prisma/client";
import { validationError } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { routeTargetIssues } from "./rules/target-issues";
import { findVisibleRoute, routeChanged, routeSnapshot, routeViewSelect, type RouteView } from "./route-records";
import { checkReferences, type RouteTarget } from "./route-references";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Applies `patch` (`routes:write`); the merged route must satisfy the chat-xor-person rule (400).
 * The route is locked and read inside the transaction; `ifMatch` (a parsed If-Match) is checked
 * against it there (412 when stale). Writes only the fields that change (diffed against that
 * row, so fields the patch does not name are never rewritten); a patch that changes nothing
 * writes nothing and returns the route as it is.
 */
export async function updateRoute(p: Principal, id: string, patch: RouteUpdate, ifMatch?: IfMatch): Promise<RouteView> {
  requireScope(p, "routes:write");
  if (patch.instanceId !== undefined) requireInstance(p, patch.instanceId);
  const { before, row } = await auditedTransaction(async (tx) => {
    await lockRows(tx, { route: [id] });
    const before = await findVisibleRoute(p, id, tx);
    assertIfMatch(ifMatch, before);

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
    const candidate: Record<string, unknown> = { ...merged };
    for (const k of ["timeout", "stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "gateModel", "gatePrompt", "replyFilterMode", "label", "priority", "active"] as const) {
      if (patch[k] !== undefined) candidate[k] = patch[k];
    }
    // Only what changes is written; a PATCH that changes nothing writes nothing (contract).
    const changed = changedFields(routeSnapshot(before) as Record<string, unknown>, candidate);
    if (!changed.length) return { before, row: before };
    await checkReferences(merged, {
      instanceId: changed.includes("instanceId"),
      chatId: changed.includes("chatId"),
      personId: changed.includes("personId"),
      agentId: changed.includes("agentId"),
    }, tx);
    const data = Object.fromEntries(changed.map((k) => [k, candidate[k]])) as Prisma.AgentRouteUncheckedUpdateInput;
    const after = await tx.agentRoute.update({ where: { id }, data, select: routeViewSelect });
    await writeAudit(tx, p, {
      action: "route.update", targetType: "route", targetId: id, before: routeSnapshot(before), after: routeSnapshot(after),
      subjects: [before.instanceId, after.instanceId, before.chatId, after.chatId, before.personId, after.personId].filter((s): s is string => !!s),
    });
    return { before, row: after };
  });
  if (row === before) return row;
  routeChanged(before.instanceId, [before, row]);
  if (row.instanceId !== before.instanceId) routeChanged(row.instanceId, [before, row]);
  return row;
}
