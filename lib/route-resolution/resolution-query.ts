// What an uncached route resolution reads, in ONE SQL statement: the instance (with its default
// agent), the chat, the person (and whether they have an identity on the instance), and every
// route for that chat or person on the instance (with its agent). Each route branch is one range
// of a composite index: (instanceId, active, scope, chatId)
// and (instanceId, active, scope, personId), `active IN (TRUE, FALSE)` keeping the index usable
// for inactive routes too (they are listed as candidates). The same SQL runs on SQLite and
// PostgreSQL; values are normalised here (SQLite answers 0/1 and text dates).
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";

export type AgentRef = { id: string; name: string; provider: string; model: string | null };
export type RouteRow = {
  id: string; instanceId: string; scope: string; chatId: string | null; personId: string | null; agentId: string;
  timeout: number | null; stream: boolean; prefixSender: boolean; waitMedia: boolean; sendMediaPath: boolean; gate: boolean;
  gateModel: string | null; gatePrompt: string | null; replyFilterMode: string; label: string | null; priority: number;
  active: boolean; createdAt: Date; updatedAt: Date;
};
export type ResolutionData = {
  instance: { id: string; name: string; channel: string; defaultAgentId: string | null } | null;
  defaultAgent: AgentRef | null;
  chat: { id: string; instanceId: string; title: string | null; externalId: string; type: string } | null;
  person: { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null } | null;
  /** whether the person (when asked for) has at least one identity on the instance */
  personHasIdentity: boolean;
  routes: RouteRow[];
  /** the agents of `routes` and the default agent, by id */
  agents: Map<string, AgentRef>;
};

type Raw = Record<string, unknown>;

const bool = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "true";
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** Dates as the drivers give them: Date (pg), ISO text or "YYYY-MM-DD HH:MM:SS" (UTC) or epoch ms (SQLite). */
function date(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  if (/^\d+$/.test(s)) return new Date(Number(s));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
}

const ROUTE_COLUMNS = Prisma.raw(
  ["id", "instanceId", "scope", "chatId", "personId", "agentId", "timeout", "stream", "prefixSender", "waitMedia", "sendMediaPath",
    "gate", "gateModel", "gatePrompt", "replyFilterMode", "label", "priority", "active", "createdAt", "updatedAt"]
    .map((c) => `"${c}" AS "r_${c}"`).join(", "),
);

/**
 * Reads everything one resolution of (instanceId, chatId?, personId?) needs, in one statement.
 * `instance` is null for an unknown instance (the caller answers 404); `chat` / `person` null when
 * not asked for or unknown.
 */
export async function loadResolutionData(instanceId: string, chatId: string | null, personId: string | null): Promise<ResolutionData> {
  return fromRows(await prisma.$queryRaw<Raw[]>(resolutionStatement(instanceId, chatId, personId)));
}

/**
 * The statement itself (parameterised: the drivers prepare it), for loadResolutionData and EXPLAIN.
 * The identity check goes by the personId index (a person has a handful of identities): `|| ''`
 * keeps the instanceId index out of the planner's choice (SQLite, with no ANALYZE statistics,
 * would take it and walk every identity on the instance).
 */
export function resolutionStatement(instanceId: string, chatId: string | null, personId: string | null): Prisma.Sql {
  return Prisma.sql`
    SELECT i."id" AS "i_id", i."name" AS "i_name", i."channel" AS "i_channel", i."defaultAgentId" AS "i_defaultAgentId",
           da."name" AS "da_name", da."provider" AS "da_provider", da."model" AS "da_model",
           c."id" AS "c_id", c."instanceId" AS "c_instanceId", c."title" AS "c_title", c."externalId" AS "c_externalId", c."type" AS "c_type",
           p."id" AS "p_id", p."displayName" AS "p_displayName", p."primaryPhone" AS "p_primaryPhone", p."primaryEmail" AS "p_primaryEmail",
           pi."one" AS "pi_one",
           r.*, ra."name" AS "ra_name", ra."provider" AS "ra_provider", ra."model" AS "ra_model"
    FROM "Instance" i
    LEFT JOIN "Agent" da ON da."id" = i."defaultAgentId"
    LEFT JOIN "Chat" c ON c."id" = ${chatId}
    LEFT JOIN "Person" p ON p."id" = ${personId}
    LEFT JOIN (
      SELECT 1 AS "one" FROM "PlatformIdentity" WHERE "personId" = ${personId} AND "instanceId" || '' = ${instanceId} LIMIT 1
    ) pi ON TRUE
    LEFT JOIN (
      SELECT ${ROUTE_COLUMNS} FROM "AgentRoute"
        WHERE "instanceId" = ${instanceId} AND "active" IN (TRUE, FALSE) AND "scope" = 'chat' AND "chatId" = ${chatId}
      UNION ALL
      SELECT ${ROUTE_COLUMNS} FROM "AgentRoute"
        WHERE "instanceId" = ${instanceId} AND "active" IN (TRUE, FALSE) AND "scope" = 'user' AND "personId" = ${personId}
    ) r ON TRUE
    LEFT JOIN "Agent" ra ON ra."id" = r."r_agentId"
    WHERE i."id" = ${instanceId}`;
}

function fromRows(rows: Raw[]): ResolutionData {
  const agents = new Map<string, AgentRef>();
  if (!rows.length) return { instance: null, defaultAgent: null, chat: null, person: null, personHasIdentity: false, routes: [], agents };
  const f = rows[0];
  const instance = { id: String(f.i_id), name: String(f.i_name), channel: String(f.i_channel), defaultAgentId: str(f.i_defaultAgentId) };
  const defaultAgent = instance.defaultAgentId && f.da_name !== null && f.da_name !== undefined
    ? { id: instance.defaultAgentId, name: String(f.da_name), provider: String(f.da_provider), model: str(f.da_model) }
    : null;
  if (defaultAgent) agents.set(defaultAgent.id, defaultAgent);
  const chat = f.c_id ? { id: String(f.c_id), instanceId: String(f.c_instanceId), title: str(f.c_title), externalId: String(f.c_externalId), type: String(f.c_type) } : null;
  const person = f.p_id ? { id: String(f.p_id), displayName: str(f.p_displayName), primaryPhone: str(f.p_primaryPhone), primaryEmail: str(f.p_primaryEmail) } : null;
  const routes: RouteRow[] = [];
  for (const x of rows) {
    if (x.r_id === null || x.r_id === undefined) continue;
    const agentId = String(x.r_agentId);
    routes.push({
      id: String(x.r_id), instanceId: String(x.r_instanceId), scope: String(x.r_scope), chatId: str(x.r_chatId), personId: str(x.r_personId), agentId,
      timeout: int(x.r_timeout), stream: bool(x.r_stream), prefixSender: bool(x.r_prefixSender), waitMedia: bool(x.r_waitMedia),
      sendMediaPath: bool(x.r_sendMediaPath), gate: bool(x.r_gate), gateModel: str(x.r_gateModel), gatePrompt: str(x.r_gatePrompt),
      replyFilterMode: String(x.r_replyFilterMode), label: str(x.r_label), priority: Number(x.r_priority), active: bool(x.r_active),
      createdAt: date(x.r_createdAt), updatedAt: date(x.r_updatedAt),
    });
    if (x.ra_name !== null && x.ra_name !== undefined) agents.set(agentId, { id: agentId, name: String(x.ra_name), provider: String(x.ra_provider), model: str(x.ra_model) });
  }
  const personHasIdentity = person !== null && f.pi_one !== null && f.pi_one !== undefined;
  return { instance, defaultAgent, chat, person, personHasIdentity, routes, agents };
}
