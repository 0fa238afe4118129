// Change a route (any subset of its fields), audited route.update, announced after commit.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import type { Prisma } from "../generated/prisma/client";
import { validationError } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import type { SubjectRef } from "../audit/subject-scope";
import { routeTargetIssues } from "./rules/target-issues";
import { lockVisibleRoute, routeChange, routeFieldsSelect, routeSnapshot, type RouteFields, type RouteView } from "./route-records";
import { checkFoundReferences, readReferences, type References, type RouteTarget } from "./route-references";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Applies `patch` (`routes:write`); the merged route must satisfy the chat-xor-person rule (400).
 * The route is locked and read inside the transaction; `ifMatch` (a parsed If-Match) is checked
 * against it there (412 when stale). Writes only the fields that change (diffed against that
 * row, so fields the patch does not name are never rewritten); a patch that changes nothing
 * writes nothing and returns the route as it is. Lean (PostgreSQL: 4 statements;
 * tests/integration/write-statements.test.ts): the lock returns the row and the event's seq, one
 * statement reads every name the views show and checks what the patch names, the update returns
 * the new row, and the event's subjects are built from those rows.
 */
export async function updateRoute(p: Principal, id: string, patch: RouteUpdate, ifMatch?: IfMatch): Promise<RouteView> {
  requireScope(p, "routes:write");
  if (patch.instanceId !== undefined) requireInstance(p, patch.instanceId);
  return auditedTransaction(async (tx) => {
    const { route: stored, seq } = await lockVisibleRoute(tx, p, id);

    // The merged route must satisfy the chat-xor-person rule. Switching scope clears the other
    // target unless the patch names it (then the rule reports the contradiction).
    const merged: RouteTarget = {
      instanceId: patch.instanceId ?? stored.instanceId,
      scope: (patch.scope ?? stored.scope) as RouteTarget["scope"],
      agentId: patch.agentId ?? stored.agentId,
      chatId: patch.chatId !== undefined ? patch.chatId : stored.chatId,
      personId: patch.personId !== undefined ? patch.personId : stored.personId,
    };
    if (patch.scope === "chat" && patch.personId === undefined) merged.personId = null;
    if (patch.scope === "user" && patch.chatId === undefined) merged.chatId = null;
    const both = (k: keyof RouteTarget) => [stored[k], merged[k]].filter((x): x is string => !!x);
    const refs = await readReferences(tx, { instance: both("instanceId"), chat: both("chatId"), person: both("personId"), agent: both("agentId") });
    const before = viewOf(stored, refs);
    assertIfMatch(ifMatch, before);
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
    const changed = changedFields(stored as Record<string, unknown>, candidate);
    if (!changed.length) return before;
    await checkFoundReferences(merged, {
      instanceId: changed.includes("instanceId"),
      chatId: changed.includes("chatId"),
      personId: changed.includes("personId"),
      agentId: changed.includes("agentId"),
    }, refs);
    const data = Object.fromEntries(changed.map((k) => [k, candidate[k]])) as Prisma.AgentRouteUncheckedUpdateInput;
    const after = routeSnapshot(await tx.agentRoute.update({ where: { id }, data, select: routeFieldsSelect }));
    await writeAudit(tx, p, {
      action: "route.update", targetType: "route", targetId: id, before: stored, after,
      subjects: subjectsOf(stored, after, refs),
      changes: [...new Set([stored.instanceId, after.instanceId])].map((instanceId) => routeChange(instanceId, [stored, after])),
    }, seq);
    return viewOf(after, refs);
  });
}

/** The route as the API shows it (routeViewSelect's shape and key order), from rows already read. */
function viewOf(r: RouteFields, refs: References): RouteView {
  const pick = <T,>(m: Map<string, T>, id: string | null) => (id ? m.get(id) ?? null : null);
  const chat = pick(refs.chat, r.chatId);
  return {
    ...routeSnapshot(r),
    instance: pick(refs.instance, r.instanceId)!,
    chat: chat && { id: chat.id, title: chat.title, externalId: chat.externalId, type: chat.type },
    person: pick(refs.person, r.personId),
    agent: pick(refs.agent, r.agentId)!,
  };
}

/** The event's subjects (the route, its instances, chats and persons before and after) with their instances, from rows already read. */
function subjectsOf(before: RouteFields, after: RouteFields, refs: References): (string | SubjectRef)[] {
  const out: (string | SubjectRef)[] = [{ id: after.id, type: "route", instanceIds: [after.instanceId] }];
  for (const id of new Set([before.instanceId, after.instanceId])) out.push({ id, type: "instance", instanceIds: [id] });
  for (const id of new Set([before.chatId, after.chatId])) {
    const chat = id ? refs.chat.get(id) : undefined;
    if (id) out.push(chat ? { id, type: "chat", instanceIds: [chat.instanceId] } : id);
  }
  for (const id of new Set([before.personId, after.personId])) {
    if (id) out.push(refs.person.has(id) ? { id, type: "person", instanceIds: refs.personInstances.get(id) ?? [] } : id);
  }
  return out;
}
