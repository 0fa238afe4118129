// Route rows: the field sets every route operation selects, the internal finder (scope-unchecked,
// instance-checked), the audit snapshot, and the change announcement the resolution cache hears.
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { notFound } from "../errors";
import { canSeeInstance, type Principal } from "../auth/principal";
import { auditSeqCte, auditSeqOf, nextAuditSeqSql, type AuditSeq, type Tx } from "../audit/write-audit";
import type { ChangeEvent } from "../events/changes";
import type { References } from "./route-references";

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
  return { route: routeOfRow(row), seq: auditSeqOf(row) };
}

/** The stored fields of a route read with raw SQL (booleans and numbers as the ORM gives them). */
function routeOfRow(row: Record<string, unknown>): RouteFields {
  const route = routeSnapshot(row as RouteFields);
  for (const k of ["stream", "prefixSender", "waitMedia", "sendMediaPath", "gate", "active"] as const) route[k] = Boolean(route[k]);
  route.priority = Number(route.priority);
  if (route.timeout != null) route.timeout = Number(route.timeout);
  return route;
}

/**
 * PostgreSQL, for an optimistic write (updateRoute): in one statement without a lock, the route's
 * stored fields, its row's xmin, a new audit seq, and what readReferences would give for its own
 * instance, chat, person (with its row's xmin and its identities' instances) and agent, and for
 * `newAgentId` (absent from `refs.agent` when there is no such agent). Null when the route does
 * not exist.
 */
export async function readRouteForWrite(id: string, newAgentId?: string): Promise<{ route: RouteFields; xmin: string; seq: number; refs: References; personXmin: string | null } | null> {
  const cols = Object.keys(routeFieldsSelect).map((c) => `r."${c}"`);
  const [row] = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`WITH s AS (SELECT ${nextAuditSeqSql} AS "auditSeq")
    SELECT ${Prisma.raw([...cols, `r."xmin"::text AS "r_xmin"`, `s."auditSeq"`,
      `n."name" AS "n_name"`, `n."channel"::text AS "n_channel"`,
      `c."title" AS "c_title"`, `c."externalId" AS "c_externalId"`, `c."type"::text AS "c_type"`, `c."instanceId" AS "c_instanceId"`,
      `pe."displayName" AS "pe_displayName"`, `pe."primaryPhone" AS "pe_primaryPhone"`, `pe."primaryEmail" AS "pe_primaryEmail"`, `pe."xmin"::text AS "pe_xmin"`,
      `(SELECT array_agg(DISTINCT pi."instanceId") FROM "PlatformIdentity" pi WHERE pi."personId" = pe."id") AS "pe_instances"`,
      `a."name" AS "a_name"`, `a."provider"::text AS "a_provider"`, `a."model" AS "a_model"`,
      `na."id" AS "na_id"`, `na."name" AS "na_name"`, `na."provider"::text AS "na_provider"`, `na."model" AS "na_model"`].join(", "))}
    FROM "AgentRoute" r CROSS JOIN s JOIN "Instance" n ON n."id" = r."instanceId" JOIN "Agent" a ON a."id" = r."agentId"
      LEFT JOIN "Chat" c ON c."id" = r."chatId" LEFT JOIN "Person" pe ON pe."id" = r."personId"
      LEFT JOIN "Agent" na ON na."id" = ${newAgentId ?? null}
    WHERE r."id" = ${id}`);
  if (!row) return null;
  const route = routeOfRow(row);
  const str = (k: string) => row[k] as string;
  const refs: References = { instance: new Map(), chat: new Map(), person: new Map(), agent: new Map(), personInstances: new Map() };
  refs.instance.set(route.instanceId, { id: route.instanceId, name: str("n_name"), channel: str("n_channel") });
  refs.agent.set(route.agentId, { id: route.agentId, name: str("a_name"), provider: str("a_provider"), model: row.a_model as string | null });
  if (row.na_id != null) refs.agent.set(str("na_id"), { id: str("na_id"), name: str("na_name"), provider: str("na_provider"), model: row.na_model as string | null });
  if (route.chatId && row.c_externalId != null) {
    refs.chat.set(route.chatId, { id: route.chatId, title: row.c_title as string | null, externalId: str("c_externalId"), type: str("c_type"), instanceId: str("c_instanceId") });
  }
  if (route.personId && row.pe_xmin != null) {
    refs.person.set(route.personId, { id: route.personId, displayName: row.pe_displayName as string | null, primaryPhone: row.pe_primaryPhone as string | null, primaryEmail: row.pe_primaryEmail as string | null });
    refs.personInstances.set(route.personId, (row.pe_instances as string[] | null) ?? []);
  }
  return { route, xmin: str("r_xmin"), seq: Number(row.auditSeq), refs, personXmin: (row.pe_xmin as string | null) ?? null };
}
