// Agent routes: which agent answers a chat (scope "chat") or a person (scope "user") on an
// instance. List / get / create / update / delete, each authorized against the principal's
// scopes and instance restriction, each write audited (before/after) in its own transaction and
// announced on the change bus so the resolution cache drops what it made stale.
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { notFound, validationError } from "../errors";
import { canSeeInstance, instanceFilter, requireInstance, requireScope, type Principal } from "../auth/principal";
import { routeTargetIssues, type RouteCreate, type RouteListQuery, type RouteUpdate } from "./schemas";
import { writeAudit, type Tx } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import type { Page } from "../db/pagination";
import { textMatch } from "../db/text-match";

/** The stored fields of a route (what audit snapshots hold). */
export const routeFieldsSelect = {
  id: true, instanceId: true, scope: true, chatId: true, personId: true, agentId: true, timeout: true,
  stream: true, prefixSender: true, waitMedia: true, sendMediaPath: true, gate: true, gateModel: true,
  gatePrompt: true, replyFilterMode: true, label: true, priority: true, active: true, createdAt: true, updatedAt: true,
} as const;

/** A route as the API and the UI show it: its fields plus the names of what it points at. */
export const routeViewSelect = {
  ...routeFieldsSelect,
  instance: { select: { id: true, name: true, channel: true } },
  chat: { select: { id: true, title: true, externalId: true, type: true } },
  person: { select: { id: true, displayName: true, primaryPhone: true, primaryEmail: true } },
  agent: { select: { id: true, name: true, provider: true, model: true } },
} as const;

export type RouteView = Prisma.AgentRouteGetPayload<{ select: typeof routeViewSelect }>;
type RouteFields = Prisma.AgentRouteGetPayload<{ select: typeof routeFieldsSelect }>;

function listWhere(p: Principal, q: RouteListQuery): Prisma.AgentRouteWhereInput {
  const text = q.q?.trim();
  return {
    ...instanceFilter(p),
    ...(q.instance ? { instanceId: q.instance } : {}),
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(q.agent ? { agentId: q.agent } : {}),
    ...(q.chat ? { chatId: q.chat } : {}),
    ...(q.person ? { personId: q.person } : {}),
    ...(text ? { label: textMatch("contains", text) } : {}),
  };
}

export type RoutePage = Page<RouteView> & { total?: number };

const KEYSET_SORTS = new Set(["updatedAt", "createdAt", "priority", "scope"]);

/**
 * "After the cursor row" as a range the sort column's index can serve: sort <= v, and among
 * equal values id < cursor (descending; mirrored ascending). Prisma's own `cursor` builds an OR
 * of subqueries that SQLite answers with a full scan on 100,000 routes. Nullable / boolean sort
 * columns (label, active) keep Prisma's cursor.
 */
async function keysetAfter(cursor: string, sort: RouteListQuery["sort"], order: "asc" | "desc"): Promise<Prisma.AgentRouteWhereInput | null> {
  if (!KEYSET_SORTS.has(sort)) return null;
  const row = (await prisma.agentRoute.findUnique({ where: { id: cursor }, select: { id: true, [sort]: true } })) as Record<string, unknown> | null;
  if (!row) throw validationError("Invalid query.", { cursor: ["No route with this id: start again without a cursor."] });
  const v = row[sort];
  const [strict, loose] = order === "desc" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  return {
    AND: [
      { [sort]: { [loose]: v } },
      { OR: [{ [sort]: { [strict]: v } }, { id: { [strict]: cursor } }] },
    ],
  };
}

/**
 * Server-side filtered, sorted, paginated list. Keyset paging with `cursor` (the last id of the
 * previous page, same sort), or `offset` for page-numbered views; `count` adds the total.
 */
export async function listRoutes(p: Principal, q: RouteListQuery): Promise<RoutePage> {
  requireScope(p, "routes:read");
  if (q.instance && !canSeeInstance(p, q.instance)) return { items: [], nextCursor: null, ...(q.count ? { total: 0 } : {}) };
  const where = listWhere(p, q);
  const orderBy: Prisma.AgentRouteOrderByWithRelationInput[] = [{ [q.sort]: q.order }, { id: q.order }];
  let paging: Pick<Prisma.AgentRouteFindManyArgs, "cursor" | "skip"> = q.offset && !q.cursor ? { skip: q.offset } : {};
  let pageWhere = where;
  if (q.cursor) {
    const keyset = await keysetAfter(q.cursor, q.sort, q.order);
    if (keyset) pageWhere = { AND: [where, keyset] };
    else paging = { cursor: { id: q.cursor }, skip: 1 };
  }
  const [rows, total] = await Promise.all([
    prisma.agentRoute.findMany({ where: pageWhere, orderBy, take: q.limit + 1, ...paging, select: routeViewSelect }),
    q.count ? prisma.agentRoute.count({ where }) : Promise.resolve(undefined),
  ]);
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null, ...(total !== undefined ? { total } : {}) };
}

async function findVisible(p: Principal, id: string, db: Tx | typeof prisma = prisma): Promise<RouteView> {
  const row = await db.agentRoute.findUnique({ where: { id }, select: routeViewSelect });
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound("Route");
  return row;
}

export async function getRoute(p: Principal, id: string): Promise<RouteView> {
  requireScope(p, "routes:read");
  return findVisible(p, id);
}

type Target = {
  instanceId: string; scope: "chat" | "user"; chatId: string | null; personId: string | null; agentId: string;
};

/** The things a route names must exist, and its chat must be on its instance. */
async function checkReferences(t: Target, changed: Partial<Record<keyof Target, boolean>> = { instanceId: true, chatId: true, personId: true, agentId: true }) {
  const [instance, chat, person, agent] = await Promise.all([
    changed.instanceId ? prisma.instance.findUnique({ where: { id: t.instanceId }, select: { id: true } }) : true,
    (changed.chatId || changed.instanceId) && t.chatId
      ? prisma.chat.findUnique({ where: { id: t.chatId }, select: { id: true, instanceId: true } })
      : null,
    changed.personId && t.personId ? prisma.person.findUnique({ where: { id: t.personId }, select: { id: true } }) : true,
    changed.agentId ? prisma.agent.findUnique({ where: { id: t.agentId }, select: { id: true } }) : true,
  ]);
  if (!instance) throw notFound("Instance");
  if ((changed.chatId || changed.instanceId) && t.chatId) {
    if (!chat) throw notFound("Chat");
    if (chat.instanceId !== t.instanceId) {
      throw validationError("The chat is not on the route's instance.", { chatId: ["This chat belongs to another instance."] });
    }
  }
  if (!person) throw notFound("Person");
  if (!agent) throw notFound("Agent");
}

function routeChanged(instanceId: string, rows: (RouteFields | null)[]) {
  const present = rows.filter((r): r is RouteFields => !!r);
  emitChange({
    kind: "route",
    instanceId,
    chatIds: [...new Set(present.map((r) => r.chatId).filter((x): x is string => !!x))],
    personIds: [...new Set(present.map((r) => r.personId).filter((x): x is string => !!x))],
  });
}

const snapshot = (r: RouteView | RouteFields): RouteFields => {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(routeFieldsSelect)) out[k] = (r as Record<string, unknown>)[k];
  return out as RouteFields;
};

export async function createRoute(p: Principal, input: RouteCreate): Promise<RouteView> {
  requireScope(p, "routes:write");
  requireInstance(p, input.instanceId);
  const target: Target = {
    instanceId: input.instanceId, scope: input.scope, agentId: input.agentId,
    chatId: input.scope === "chat" ? input.chatId ?? null : null,
    personId: input.scope === "user" ? input.personId ?? null : null,
  };
  await checkReferences(target);
  const row = await prisma.$transaction(async (tx) => {
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
      action: "route.create", targetType: "route", targetId: created.id, after: snapshot(created),
      subjects: [created.instanceId, created.chatId, created.personId].filter((s): s is string => !!s),
    });
    return created;
  });
  routeChanged(row.instanceId, [row]);
  return row;
}

export async function updateRoute(p: Principal, id: string, patch: RouteUpdate): Promise<RouteView> {
  requireScope(p, "routes:write");
  const before = await findVisible(p, id);
  if (patch.instanceId !== undefined) requireInstance(p, patch.instanceId);

  // The merged route must satisfy the chat-xor-person rule. Switching scope clears the other
  // target unless the patch names it (then the rule reports the contradiction).
  const merged: Target = {
    instanceId: patch.instanceId ?? before.instanceId,
    scope: (patch.scope ?? before.scope) as Target["scope"],
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

  const data: Prisma.AgentRouteUncheckedUpdateInput = { ...merged };
  for (const k of ["timeout", "stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "gateModel", "gatePrompt", "replyFilterMode", "label", "priority", "active"] as const) {
    if (patch[k] !== undefined) (data as Record<string, unknown>)[k] = patch[k];
  }
  const row = await prisma.$transaction(async (tx) => {
    const after = await tx.agentRoute.update({ where: { id }, data, select: routeViewSelect });
    await writeAudit(tx, p, {
      action: "route.update", targetType: "route", targetId: id, before: snapshot(before), after: snapshot(after),
      subjects: [before.instanceId, after.instanceId, before.chatId, after.chatId, before.personId, after.personId].filter((s): s is string => !!s),
    });
    return after;
  });
  routeChanged(before.instanceId, [before, row]);
  if (row.instanceId !== before.instanceId) routeChanged(row.instanceId, [before, row]);
  return row;
}

export async function deleteRoute(p: Principal, id: string): Promise<{ id: string; deleted: true }> {
  requireScope(p, "routes:write");
  const before = await findVisible(p, id);
  await prisma.$transaction(async (tx) => {
    await tx.agentRoute.delete({ where: { id } });
    await writeAudit(tx, p, {
      action: "route.delete", targetType: "route", targetId: id, before: snapshot(before),
      subjects: [before.instanceId, before.chatId, before.personId].filter((s): s is string => !!s),
    });
  });
  routeChanged(before.instanceId, [before]);
  return { id, deleted: true };
}
