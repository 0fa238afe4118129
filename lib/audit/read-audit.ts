// The audit log for review: list with filters, one event with its before/after snapshots.
// (Writing is write-audit.ts; the chain check is verify-chain.ts; export is export-audit.ts.)
// An instance-restricted key sees only the events one of whose subjects it can see
// (lib/auth/instance-policy.ts); any other id is a 404.
import "server-only";
import { dbProvider, prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import { visibleAuditEventsWhere } from "../auth/instance-policy";
import type { AuditListQuery } from "./schemas";
import { keysetArgs, keysetPage, type Keyset } from "../db/keyset";
import { isRevertibleAction } from "./rules/actions";
import { revealSnapshots } from "../privacy/reveal-personal-fields";

type AuditRow = Prisma.AuditEventGetPayload<object>;

export function auditView(e: AuditRow) {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at,
    actor: { type: e.actorType as "user" | "apiKey" | "system", id: e.actorId, label: e.actorLabel },
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    reason: e.reason,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    ip: e.ip,
    userAgent: e.userAgent,
    // null until the sealer has linked the event into the chain (lib/audit/seal-chain.ts)
    sealed: e.hash !== null,
    hash: e.hash,
    prevHash: e.hash === null ? null : e.prevHash,
  };
}
export type AuditView = ReturnType<typeof auditView>;

export type AuditFilters = Pick<AuditListQuery, "action" | "actorId" | "targetId" | "personId" | "from" | "to">;

/** System actors (the CLI, setup, background jobs) have no id: they are filtered as `system:<label>`. */
export const SYSTEM_ACTOR_PREFIX = "system:";
function actorWhere(actorId: string): Prisma.AuditEventWhereInput {
  return actorId.startsWith(SYSTEM_ACTOR_PREFIX)
    ? { actorType: "system", actorId: null, actorLabel: actorId.slice(SYSTEM_ACTOR_PREFIX.length) }
    : { actorId };
}

const actionGroup = (group: string): Prisma.StringFilter =>
  dbProvider === "postgresql" ? { startsWith: `${group}.` } : { gte: `${group}.`, lt: `${group}/` };

export function auditWhere(f: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  // "person" alone matches every person.* action (the filter admits only [a-z.], no wildcards).
  // On SQLite as the byte range ["person.", "person/"), which the index on action serves; its LIKE
  // is the app's own function there (lib/db/sqlite-functions.ts), which no index can. PostgreSQL
  // keeps LIKE 'person.%': a locale collation may not order "/" right after ".".
  if (f.action) and.push(f.action.includes(".") ? { action: f.action } : { action: actionGroup(f.action) });
  if (f.actorId) and.push(actorWhere(f.actorId));
  if (f.targetId) and.push({ OR: [{ targetId: f.targetId }, { subjects: { some: { subjectId: f.targetId } } }] });
  if (f.personId) and.push({ subjects: { some: { subjectId: f.personId } } });
  if (f.from) and.push({ at: { gte: new Date(f.from) } });
  if (f.to) and.push({ at: { lte: new Date(f.to) } });
  return and.length ? { AND: and } : {};
}

/** `where`, limited to the events the principal may see. */
export function visibleTo(p: Principal, where: Prisma.AuditEventWhereInput): Prisma.AuditEventWhereInput {
  return p.instanceIds === null ? where : { AND: [where, visibleAuditEventsWhere(p)] };
}

/** The log's order: `seq` (unique, immutable, rising with time), newest first. */
const AUDIT_ORDER: Keyset = { tag: "audit", order: "desc", columns: [{ field: "seq", kind: "number" }] };

/** Newest first (keyset cursor on `seq`; 400 for a bad one), without the (large) before/after snapshots; only events the principal may see. */
export async function listAudit(p: Principal, q: AuditListQuery) {
  requireScope(p, "audit:read");
  const rows = await prisma.auditEvent.findMany(keysetArgs(AUDIT_ORDER, q, visibleTo(p, auditWhere(q))));
  return keysetPage(AUDIT_ORDER, rows.map((r) => ({ ...auditView(r), before: undefined, after: undefined, revertible: isRevertibleAction(r.action) })), q.limit);
}

/**
 * One event with its snapshots (`audit:read`), personal fields opened (or "[erased]" after an
 * erasure, with `erased: true`); 404 when unknown or not visible to the principal.
 */
export async function getAuditEvent(p: Principal, id: string) {
  requireScope(p, "audit:read");
  const stored = await prisma.auditEvent.findFirst({ where: visibleTo(p, { id }) });
  if (!stored) throw notFound("Audit event");
  const [row] = await revealSnapshots(prisma, [stored]);
  const revertedBy = isRevertibleAction(row.action)
    ? await prisma.auditEvent.findFirst({ where: { action: "audit.revert", targetId: id }, select: { id: true, at: true, actorLabel: true } })
    : null;
  return { ...auditView(row), erased: row.erased, revertible: isRevertibleAction(row.action) && !revertedBy && !row.erased, revertedBy };
}

/** Distinct actors seen in the log, for the filter picker. */
export async function auditActors(p: Principal) {
  requireScope(p, "audit:read");
  const rows = await prisma.auditEvent.groupBy({ by: ["actorId", "actorLabel", "actorType"], where: visibleTo(p, {}), _count: { _all: true } });
  const actors = rows.map((r) =>
    r.actorId === null
      ? { id: `${SYSTEM_ACTOR_PREFIX}${r.actorLabel ?? "system"}`, label: r.actorLabel ?? "system", type: "system", events: r._count._all }
      : { id: r.actorId, label: r.actorLabel ?? r.actorId, type: r.actorType, events: r._count._all },
  );
  // One entry per actor (a renamed user or key has several labels: the first seen wins), by name.
  const byId = new Map<string, (typeof actors)[number]>();
  for (const a of actors) {
    const seen = byId.get(a.id);
    if (seen) seen.events += a.events;
    else byId.set(a.id, a);
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** A person's history: every event that concerns them (merges name both persons). */
export async function personAudit(p: Principal, personId: string, limit = 50) {
  requireScope(p, "audit:read");
  const rows = await prisma.auditEvent.findMany({
    where: visibleTo(p, { subjects: { some: { subjectId: personId } } }),
    orderBy: { seq: "desc" },
    take: limit,
  });
  return rows.map((r) => ({ ...auditView(r), before: undefined, after: undefined }));
}
