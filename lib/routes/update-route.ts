// Change a route (any subset of its fields), audited route.update, announced after commit.
import "server-only";
import { auditedTransaction, lockRows, optimisticWrite, STALE } from "../db/audited-transaction";
import { isForeignKeyViolation } from "../db/prisma-errors";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { notFound, validationError } from "../errors";
import { canSeeInstance, requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteUpdate } from "./schemas";
import { auditInStatement, writeAudit } from "../audit/write-audit";
import type { SubjectRef } from "../audit/subject-scope";
import { routeTargetIssues } from "./rules/target-issues";
import { lockVisibleRoute, readRouteForWrite, routeChange, routeFieldsSelect, routeSnapshot, type RouteFields, type RouteView } from "./route-records";
import { checkFoundReferences, readReferences, type References, type RouteTarget } from "./route-references";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Applies `patch` (`routes:write`); the merged route must satisfy the chat-xor-person rule (400).
 * `ifMatch` (a parsed If-Match) is checked against the route as it is when the change applies
 * (412 when stale). Writes only the fields that change (diffed against the stored row, so fields
 * the patch does not name are never rewritten); a patch that changes nothing writes nothing and
 * returns the route as it is. 404 when the route is unknown or not on the principal's instances.
 *
 * PostgreSQL, when the patch names none of what the route points at but its agent (its agent, its
 * settings, label, priority, active: the everyday edits): 2 statements, no transaction
 * (tests/integration/write-statements.test.ts). One reads the route, the names its view shows and
 * its person's identities' instances (the event's subjects) without a lock; one updates the row if
 * its xmin — and its person's, which every write that moves identities changes — are still the
 * ones read, and stores the audit event, its subjects and outbox row with it (the change is published after).
 * Changed since read: read again (optimisticWrite: bounded; then the
 * transactional way, which waits for the row). A new
 * agent deleted in between fails the foreign key: 404. Otherwise (a new instance, chat or person
 * must exist, and the chat be on the instance, when it commits; SQLite): one
 * transaction, 4 statements on PostgreSQL (5 when it moves the route to another person, which is
 * locked first: a merge of that person then sees the route come) — the lock returns the row and the event's seq, one
 * statement reads every name the views show and checks what the patch names, the update returns
 * the new row, and the event's subjects are built from those rows.
 */
export async function updateRoute(p: Principal, id: string, patch: RouteUpdate, ifMatch?: IfMatch): Promise<RouteView> {
  requireScope(p, "routes:write");
  if (patch.instanceId !== undefined) requireInstance(p, patch.instanceId);
  if (dbProvider === "postgresql" && !TARGET_FIELDS.some((k) => patch[k] !== undefined)) {
    const done = await updateWithoutLock(p, id, patch, ifMatch);
    if (done !== LOOKUP_NEEDED) return done;
  }
  return updateLocked(p, id, patch, ifMatch);
}

/**
 * What a route points at, but its agent: a patch naming one takes the locked way (what it names must
 * exist, and the chat be on the instance, when it commits). A new agent is checked when read, and
 * its foreign key (ON DELETE RESTRICT) holds it to existing when the update commits.
 */
const TARGET_FIELDS = ["instanceId", "scope", "chatId", "personId"] as const;
const LOOKUP_NEEDED = Symbol("a subject to look up");

/** The patch applied to the stored route: the merged target, the candidate row, what changes. */
function plan(stored: RouteFields, patch: RouteUpdate) {
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
  const candidate: Record<string, unknown> = { ...merged };
  for (const k of ["timeout", "stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "gateModel", "gatePrompt", "replyFilterMode", "label", "priority", "active"] as const) {
    if (patch[k] !== undefined) candidate[k] = patch[k];
  }
  // Only what changes is written; a PATCH that changes nothing writes nothing (contract).
  return { merged, candidate, changed: changedFields(stored as Record<string, unknown>, candidate) };
}

/** 400 when the merged route breaks the chat-xor-person rule. */
function assertTargetValid(merged: RouteTarget) {
  const issues = routeTargetIssues(merged);
  if (!issues.length) return;
  const fields: Record<string, string[]> = {};
  for (const i of issues) (fields[i.path] ??= []).push(i.message);
  throw validationError("Invalid input.", fields);
}

async function updateWithoutLock(p: Principal, id: string, patch: RouteUpdate, ifMatch?: IfMatch): Promise<RouteView | typeof LOOKUP_NEEDED> {
  return optimisticWrite(async () => {
    const now = new Date();
    const read = await readRouteForWrite(id, patch.agentId);
    if (!read || !canSeeInstance(p, read.route.instanceId)) throw notFound("Route");
    const { route: stored, refs } = read;
    const before = viewOf(stored, refs);
    assertIfMatch(ifMatch, before);
    const { merged, candidate, changed } = plan(stored, patch);
    assertTargetValid(merged);
    if (!changed.length) return before;
    if (!refs.agent.has(merged.agentId)) throw notFound("Agent");
    const after = { ...stored, ...Object.fromEntries(changed.map((k) => [k, candidate[k]])), updatedAt: now } as RouteFields;
    const subjects = subjectsOf(stored, after, refs);
    if (!subjects.every((x): x is SubjectRef => typeof x !== "string")) return LOOKUP_NEEDED; // its chat or person vanished meanwhile: the locked way looks it up
    const audit = auditInStatement(p, {
      action: "route.update", targetType: "route", targetId: id, before: stored, after,
      changes: [routeChange(stored.instanceId, [stored, after])],
    }, read.seq, now, subjects, new Map());
    if (!audit) throw new Error("A route event has no personal fields to seal.");
    const sets = changed.map((k) => Prisma.sql`${Prisma.raw(`"${k}"`)} = ${candidate[k]}`);
    // its person's identities are part of the event (subjects): the person's row must not have changed either
    const personSame = stored.personId && read.personXmin
      ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Person" WHERE "id" = ${stored.personId} AND "xmin" = ${read.personXmin}::xid)`
      : Prisma.empty;
    const rows = await prisma.$queryRaw<unknown[]>(audit.statement(Prisma.sql`UPDATE "AgentRoute" SET ${Prisma.join(sets, ", ")}, "updatedAt" = ${now.toISOString()}::timestamp(3)
      WHERE "id" = ${id} AND "xmin" = ${read.xmin}::xid${personSame} RETURNING "id"`))
      .catch((e: unknown) => {
        if (isForeignKeyViolation(e)) throw notFound("Agent"); // the new agent was deleted since it was read
        throw e;
      });
    if (!rows.length) return STALE; // changed since it was read: read again
    audit.committed();
    return viewOf(after, refs);
  }, () => updateLocked(p, id, patch, ifMatch)); // contended: wait for the row instead
}

async function updateLocked(p: Principal, id: string, patch: RouteUpdate, ifMatch?: IfMatch): Promise<RouteView> {
  return auditedTransaction(async (tx) => {
    // PostgreSQL: a person the route moves to is locked first (canonical order: persons before
    // routes), as in createRoute; SQLite runs one write transaction at a time
    if (patch.personId && dbProvider === "postgresql") await lockRows(tx, { person: [patch.personId] });
    const { route: stored, seq } = await lockVisibleRoute(tx, p, id);
    const { merged, candidate, changed } = plan(stored, patch);
    const both = (k: keyof RouteTarget) => [stored[k], merged[k]].filter((x): x is string => !!x);
    const refs = await readReferences(tx, { instance: both("instanceId"), chat: both("chatId"), person: both("personId"), agent: both("agentId") });
    const before = viewOf(stored, refs);
    assertIfMatch(ifMatch, before);
    assertTargetValid(merged);
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
