// Route rows: the field sets every route operation selects, the internal finder (scope-unchecked,
// instance-checked), the audit snapshot, and the change announcement the resolution cache hears.
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { notFound } from "../errors";
import { canSeeInstance, type Principal } from "../auth/principal";
import { auditSeqCte, auditSeqOf, type AuditSeq, type Tx } from "../audit/write-audit";
import type { ChangeEvent } from "../events/changes";

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
export type RouteFields = Prisma.AgentRouteGetPayload<{ select: typeof routeFieldsSelect }>;

/** The route with this id if the principal's instances include it; 404 `NOT_FOUND` otherwise. */
export async function findVisibleRoute(p: Principal, id: string, db: Tx | typeof prisma = prisma): Promise<RouteView> {
  const row = await db.agentRoute.findUnique({ where: { id }, select: routeViewSelect });
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound("Route");
  return row;
}

/**
 * What a route write tells every listener (the resolution cache, in every process): the instance
 * and the chats and persons the rows (before and after) target. Pass it as writeAudit's `changes`.
 */
export function routeChange(instanceId: string, rows: (RouteFields | null)[]): ChangeEvent {
  const present = rows.filter((r): r is RouteFields => !!r);
  return {
    kind: "route",
    instanceId,
    chatIds: [...new Set(present.map((r) => r.chatId).filter((x): x is string => !!x))],
    personIds: [...new Set(present.map((r) => r.personId).filter((x): x is string => !!x))],
  };
}

/** The stored fields of a route, as its audit events record them. */
export const routeSnapshot = (r: RouteView | RouteFields): RouteFields => {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(routeFieldsSelect)) out[k] = (r as Record<string, unknown>)[k];
  return out as RouteFields;
};


/**
 * For a write, in one statement: locks the route (`FOR UPDATE` on PostgreSQL), reads its stored
 * fields and takes the audit event's seq (write-audit.ts auditSeqCte). 404 `NOT_FOUND` when it
 * does not exist or the principal's instances do not include it.
 */
export async function lockVisibleRoute(tx: Tx, p: Principal, id: string): Promise<{ route: RouteFields; seq: AuditSeq }> {
  const cols = Prisma.raw(Object.keys(routeFieldsSelect).map((c) => `r."${c}"`).join(", "));
  const lock = dbProvider === "postgresql" ? Prisma.raw("FOR UPDATE OF r") : Prisma.empty;
  const [row] = await tx.$queryRaw<(RouteFields & { auditSeq: unknown; auditTxid: unknown })[]>(
    Prisma.sql`${auditSeqCte()} SELECT ${cols}, s."auditSeq", s."auditTxid" FROM "AgentRoute" r CROSS JOIN "auditSeq" s WHERE r."id" = ${id} ${lock}`,
  );
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound("Route");
  const route = routeSnapshot(row);
  for (const k of ["stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "active"] as const) route[k] = Boolean(route[k]);
  route.priority = Number(route.priority);
  if (route.timeout != null) route.timeout = Number(route.timeout);
  return { route, seq: auditSeqOf(row) };
}
