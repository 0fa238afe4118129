// Merge two persons into one, in one transaction with its audit event:
//   every identity of the source moves to the target; the source's user-scope routes are
//   re-pointed to the target (a source route on an instance where the target already has an
//   active user route is re-pointed but deactivated, and reported as a conflict); the target's
//   empty fields are filled from the source; the source is deleted. The audit event keeps both
//   full "before" snapshots, so the merge can be reviewed and reverted (audit-revert.ts).
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { conflict, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { MergeInput } from "./schemas";
import { auditInStatement, writeAudit, type AuditInput, type Tx } from "../audit/write-audit";
import type { SubjectRef } from "../audit/subject-scope";
import { auditedTransaction, optimisticWrite, STALE } from "../db/audited-transaction";
import { lockPersonsWithIdentities, personSnapshot, readPersonsForMerge, requireAllIdentitiesVisible, routeFields, visibleView, type IdentityRow, type PersonSnapshot, type RouteForWrite } from "./person-records";
import { knownDayKeys, utcDay } from "../privacy/data-keys";
import { personNotFound } from "./merged-away";
import { getPerson } from "./get-person";
import { planMerge, type FillableField } from "./rules/plan-merge";

export type MergeOutcome = {
  targetId: string;
  sourceId: string;
  mergedIdentityIds: string[];
  repointedRouteIds: string[];
  conflictingRouteIds: string[];
  auditEventId: string;
  /** The surviving person as findPerson shows it to the principal (built from the rows the merge read and wrote). */
  person: ReturnType<typeof visibleView<PersonView>>;
};

type PersonView = Awaited<ReturnType<typeof lockPersonsWithIdentities>>["persons"] extends Map<string, infer V> ? V : never;
const byCreated = (a: { createdAt: Date }, b: { createdAt: Date }) => a.createdAt.getTime() - b.createdAt.getTime();
const withoutInstance = ({ instance: _i, ...rest }: IdentityRow) => (void _i, rest);

/** A route as a merge reads it (with its xmin when read for an optimistic write). */
type MergeRoute = Omit<RouteForWrite, "xmin"> & { xmin?: string };

/**
 * What merging `srcRow` into `tgtRow` writes and records, from rows already read (no I/O): the
 * plan (rules/plan-merge.ts), the survivor as it will be, and the audit event's input. 403 when an
 * identity of either is outside a restricted principal's instances.
 */
function composeMerge(
  p: Principal, srcRead: PersonView & { xmin?: string }, tgtRead: PersonView & { xmin?: string }, routes: MergeRoute[], reason: string | null, audit: MergeAudit, now: Date,
) {
  const withoutCreated = <R extends { createdAt: Date }>({ createdAt: _c, ...r }: R) => (void _c, r);
  const withoutXmin = <R extends { xmin?: string }>({ xmin: _x, ...r }: R) => (void _x, r);
  const [srcRow, tgtRow] = [withoutXmin(srcRead), withoutXmin(tgtRead)];
  const [sourceId, targetId] = [srcRow.id, tgtRow.id];
  const snapshot = (row: PersonView): PersonSnapshot => {
    const { identities, ...fields } = row;
    return {
      ...fields,
      identities: [...identities].sort(byCreated).map(withoutInstance),
      routes: routes.filter((r) => r.personId === row.id).map((r) => withoutXmin(withoutCreated(r))) as PersonSnapshot["routes"],
    };
  };
  const source = snapshot(srcRow);
  const target = snapshot(tgtRow);
  requireAllIdentitiesVisible(p, source.identities);
  requireAllIdentitiesVisible(p, target.identities);
  const plan = planMerge(source, target);
  const linkedBy = p.name;
  const linkReason = reason ?? (audit.action === "identity.link" ? "Linked" : "Merged");
  const moved = [...plan.repointRouteIds, ...plan.conflictingRouteIds];
  const filled = Object.keys(plan.fields).length ? { ...plan.fields, updatedAt: now } : {};

  // The survivor as it will be: its fields filled, the source's identities and moved routes on it.
  const movedIdentities = srcRow.identities.map((i) => ({ ...i, personId: targetId, linkedBy, linkReason, updatedAt: now }));
  const afterRow: PersonView = {
    ...tgtRow, ...(filled as Partial<PersonView>),
    identities: [...tgtRow.identities, ...movedIdentities].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : byCreated(a, b))),
  };
  const movedRoutes = routes.filter((r) => moved.includes(r.id)).map((r) => ({
    ...r, personId: targetId, active: plan.conflictingRouteIds.includes(r.id) ? false : r.active, updatedAt: now,
  }));
  const afterTarget = { ...snapshot(afterRow), routes: [...routes.filter((r) => r.personId === targetId), ...movedRoutes].sort(byCreated).map((r) => withoutXmin(withoutCreated(r))) };
  const mergedIdentityIds = source.identities.map((i) => i.id);
  const event: AuditInput = {
    action: audit.action,
    targetType: audit.targetType ?? "person",
    targetId: audit.targetId ?? targetId,
    reason,
    before: { ...audit.before, source, target },
    after: {
      ...audit.after,
      person: afterTarget,
      deletedPersonId: sourceId,
      mergedIdentityIds,
      repointedRouteIds: plan.repointRouteIds,
      conflictingRouteIds: plan.conflictingRouteIds,
      filledFields: Object.keys(plan.fields),
    },
    // the source is deleted by now: recorded with the instances its identities were on; the
    // target with the instances of every identity it now has
    subjects: [
      { id: sourceId, type: "person", instanceIds: source.identities.map((i) => i.instanceId) },
      { id: targetId, type: "person", instanceIds: afterRow.identities.map((i) => i.instanceId) },
      ...(audit.subjects ?? []),
    ],
    // the route cache and every other listener drop what the merge made stale, when it commits
    changes: [
      { kind: "person", id: sourceId },
      { kind: "person", id: targetId },
      ...[...new Set(source.routes.map((r) => r.instanceId))].map((instanceId) => ({ kind: "route" as const, instanceId })),
    ],
  };
  const outcome = (auditEventId: string): MergeOutcome => ({
    targetId, sourceId, mergedIdentityIds,
    repointedRouteIds: plan.repointRouteIds,
    conflictingRouteIds: plan.conflictingRouteIds,
    auditEventId,
    person: visibleView(p, afterRow),
  });
  return { plan, linkedBy, linkReason, moved, filled, event, outcome };
}

/**
 * PostgreSQL: the data-modifying CTEs (i, r, p) that move the source's identities and routes to
 * the target and fill the target's fields; each only `when` (an SQL condition) holds. `bump`: the
 * target's row is written even with nothing to fill (a new, unchanged version: an optimistic write
 * that read it sees its xmin change, see lib/db/audited-transaction.ts lockedPersonsCtes).
 */
function moveCtes(m: ReturnType<typeof composeMerge>, sourceId: string, targetId: string, now: Date, when: Prisma.Sql, bump: boolean): Prisma.Sql[] {
  const parts = [Prisma.sql`i AS (UPDATE "PlatformIdentity" SET "personId" = ${targetId}, "linkedBy" = ${m.linkedBy}, "linkReason" = ${m.linkReason}, "updatedAt" = ${now} WHERE "personId" = ${sourceId} AND ${when})`];
  if (m.moved.length) {
    const off = m.plan.conflictingRouteIds.length ? Prisma.sql`CASE WHEN "id" IN (${Prisma.join(m.plan.conflictingRouteIds)}) THEN false ELSE "active" END` : Prisma.sql`"active"`;
    parts.push(Prisma.sql`r AS (UPDATE "AgentRoute" SET "personId" = ${targetId}, "active" = ${off}, "updatedAt" = ${now} WHERE "id" IN (${Prisma.join(m.moved)}) AND ${when})`);
  }
  const sets = Object.entries(m.filled).map(([k, v]) => (k === "metadata" ? Prisma.sql`"metadata" = ${JSON.stringify(v)}::jsonb` : Prisma.sql`${Prisma.raw(`"${k}"`)} = ${v as string | Date}`));
  if (!sets.length && bump) sets.push(Prisma.sql`"updatedAt" = "updatedAt"`);
  if (sets.length) parts.push(Prisma.sql`p AS (UPDATE "Person" SET ${Prisma.join(sets)} WHERE "id" = ${targetId} AND ${when})`);
  return parts;
}

type MergeAudit = { action: "person.merge" | "identity.link"; targetType?: string; targetId?: string; before?: object; after?: object; subjects?: string[] };

/**
 * The merge itself, inside the caller's transaction (link and the transactional merge share it).
 * `audit` names the action and may add to the event's before/after.
 */
export async function mergeInTx(tx: Tx, p: Principal, sourceId: string, targetId: string, reason: string | null, audit: MergeAudit): Promise<MergeOutcome> {
  if (sourceId === targetId) throw conflict("Cannot merge a person into itself.", { sourceId, targetId });
  // Both persons locked (ids ascending) and read with their identities, the event's seq taken:
  // what is read below cannot change before this commits, and a merge the other way round waits
  // rather than deadlocks. Their routes are read once; the "after" snapshot and the answer are
  // built from these rows and what the merge writes (no re-read).
  const { persons, seq } = await lockPersonsWithIdentities(tx, [sourceId, targetId]);
  const [srcRow, tgtRow] = [persons.get(sourceId), persons.get(targetId)];
  if (!srcRow || !visibleView(p, srcRow)) throw await personNotFound(p, sourceId, "Source person", tx);
  if (!tgtRow || !visibleView(p, tgtRow)) throw await personNotFound(p, targetId, "Target person", tx);
  const routes = await tx.agentRoute.findMany({ where: { personId: { in: [sourceId, targetId] } }, select: { ...routeFields, createdAt: true }, orderBy: { createdAt: "asc" } });
  const now = new Date();
  const m = composeMerge(p, srcRow, tgtRow, routes, reason, audit, now);

  if (dbProvider === "postgresql") {
    // One statement for the moves, the fill and the source's delete (data-modifying CTEs; the
    // search-term triggers give the same rows whichever of the source's cascades runs first).
    const parts = [...moveCtes(m, sourceId, targetId, now, Prisma.sql`true`, false), Prisma.sql`d AS (DELETE FROM "Person" WHERE "id" = ${sourceId})`];
    await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(parts, ", ")} SELECT 1`);
  } else {
    const { linkedBy, linkReason, plan } = m;
    await tx.platformIdentity.updateMany({ where: { personId: sourceId }, data: { personId: targetId, linkedBy, linkReason, updatedAt: now } });
    if (plan.repointRouteIds.length) await tx.agentRoute.updateMany({ where: { id: { in: plan.repointRouteIds } }, data: { personId: targetId, updatedAt: now } });
    if (plan.conflictingRouteIds.length) await tx.agentRoute.updateMany({ where: { id: { in: plan.conflictingRouteIds } }, data: { personId: targetId, active: false, updatedAt: now } });
    if (Object.keys(m.filled).length) {
      const data: Prisma.PersonUpdateInput = { updatedAt: now };
      for (const [k, v] of Object.entries(plan.fields) as [FillableField, unknown][]) {
        if (k === "metadata") data.metadata = v as Prisma.InputJsonValue;
        else data[k] = v as string;
      }
      await tx.person.update({ where: { id: targetId }, data });
    }
    await tx.person.delete({ where: { id: sourceId } });
  }
  const event = await writeAudit(tx, p, m.event, seq ?? undefined);
  return m.outcome(event.id);
}

const NEEDS_KEY = Symbol("needs a data key");

/**
 * PostgreSQL: the merge as one statement, without a transaction (see mergePersons). NEEDS_KEY when
 * a subject has no data key of the day yet (the transactional way creates it).
 */
async function mergeWithoutLock(p: Principal, sourceId: string, targetId: string, reason: string | null): Promise<MergeOutcome | typeof NEEDS_KEY> {
  return optimisticWrite(async () => {
    const now = new Date();
    const read = await readPersonsForMerge([sourceId, targetId], utcDay(now));
    const [srcRow, tgtRow] = [read.persons.get(sourceId), read.persons.get(targetId)];
    if (!srcRow || !visibleView(p, srcRow)) throw await personNotFound(p, sourceId, "Source person");
    if (!tgtRow || !visibleView(p, tgtRow)) throw await personNotFound(p, targetId, "Target person");
    const m = composeMerge(p, srcRow, tgtRow, read.routes, reason, { action: "person.merge" }, now);
    const audit = auditInStatement(p, m.event, read.seq, now, m.event.subjects as SubjectRef[], knownDayKeys(read.keys));
    if (!audit) return NEEDS_KEY;
    // Both persons, then their identities, then their routes, locked in the canonical order (ids
    // ascending) and compared with what was read. The statement writes only when neither person
    // changed (xmin: an identity or route only comes to a person with its row locked and
    // rewritten), every identity read is still there (deleting an instance deletes its identities
    // without touching their persons), and every route read is there unchanged.
    const pairs = (xs: { id: string; xmin: string }[]) => Prisma.join(xs.map((x) => Prisma.sql`(${x.id}, ${x.xmin})`));
    const identityIds = [...srcRow.identities, ...tgtRow.identities].map((i) => i.id);
    const guards = [
      Prisma.sql`l AS MATERIALIZED (SELECT "id", "xmin"::text AS x FROM "Person" WHERE "id" IN (${sourceId}, ${targetId}) ORDER BY "id" FOR UPDATE)`,
      identityIds.length
        ? Prisma.sql`il AS MATERIALIZED (SELECT "id" FROM "PlatformIdentity" WHERE "id" IN (${Prisma.join(identityIds)}) ORDER BY "id" FOR UPDATE)`
        : Prisma.sql`il AS (SELECT NULL::text AS "id" WHERE false)`,
      read.routes.length
        ? Prisma.sql`rl AS MATERIALIZED (SELECT "id", "xmin"::text AS x FROM "AgentRoute" WHERE "id" IN (${Prisma.join(read.routes.map((r) => r.id))}) ORDER BY "id" FOR UPDATE)`
        : Prisma.sql`rl AS (SELECT NULL::text AS "id", NULL::text AS x WHERE false)`,
      Prisma.sql`ok AS MATERIALIZED (SELECT 1 WHERE (SELECT count(*) FROM l WHERE (l."id", l.x) IN (${pairs([srcRow, tgtRow])})) = 2
        AND (SELECT count(*) FROM il) = ${identityIds.length} AND (SELECT count(*) FROM rl) = ${read.routes.length}
        ${read.routes.length ? Prisma.sql`AND (SELECT count(*) FROM rl WHERE (rl."id", rl.x) IN (${pairs(read.routes)})) = ${read.routes.length}` : Prisma.empty})`,
    ];
    const when = Prisma.sql`EXISTS (SELECT 1 FROM ok)`;
    const rows = await prisma.$queryRaw<{ id: string }[]>(audit.statement(
      Prisma.sql`DELETE FROM "Person" WHERE "id" = ${sourceId} AND ${when} RETURNING "id"`,
      [...guards, ...moveCtes(m, sourceId, targetId, now, when, true)],
    ));
    if (!rows.length) return STALE; // something changed since it was read: read again
    audit.committed();
    return m.outcome(audit.eventId);
  }, () => auditedTransaction((tx) => mergeInTx(tx, p, sourceId, targetId, reason, { action: "person.merge" }))); // contended: wait for the rows instead
}

/**
 * Merges `sourceId` into `targetId` (`persons:write`), audited person.merge, and returns the
 * surviving person as the merge left it (built from the rows it read and wrote). 409 for a person
 * into itself; 404 when either is unknown or invisible; 403 when an identity of either is outside a
 * restricted key's instances.
 */
export async function mergePersons(p: Principal, input: MergeInput) {
  requireScope(p, "persons:write");
  if (input.sourceId === input.targetId) throw conflict("Cannot merge a person into itself.", { sourceId: input.sourceId });
  // Both must be visible (404 otherwise) before anything else is said about them. The answer is
  // built from what the merge read and wrote: a later change (another merge) cannot turn a
  // committed merge into an error response.
  //
  // PostgreSQL (tests/integration/write-statements.test.ts: 2 statements, no transaction): both
  // persons with their identities, their routes, their data keys of the day and the event's seq are
  // read without a lock; one statement then locks both persons, their identities and their routes,
  // checks that none changed or went since (xmin, counts), and moves, fills, deletes and stores the
  // audit event with its subjects and outbox row (the change is published after). When something changed, it
  // reads again (optimisticWrite); after the last attempt it takes the transactional way, which
  // waits for the rows. A merge whose subject has no data key of the day yet, and SQLite, take one
  // transaction (mergeInTx).
  const reason = input.reason ?? null;
  const optimistic = dbProvider === "postgresql" ? await mergeWithoutLock(p, input.sourceId, input.targetId, reason) : NEEDS_KEY;
  const outcome = optimistic !== NEEDS_KEY ? optimistic
    : await auditedTransaction((tx) => mergeInTx(tx, p, input.sourceId, input.targetId, reason, { action: "person.merge" }));
  return {
    person: outcome.person!,
    mergedIdentityIds: outcome.mergedIdentityIds,
    deletedPersonId: outcome.sourceId,
    repointedRouteIds: outcome.repointedRouteIds,
    conflictingRouteIds: outcome.conflictingRouteIds,
    auditEventId: outcome.auditEventId,
  };
}

/** What merging source into target would do, for the confirmation screen (nothing is written). */
export async function previewMerge(p: Principal, sourceId: string, targetId: string) {
  requireScope(p, "persons:read");
  const [sourceView, targetView] = await Promise.all([getPerson(p, sourceId), getPerson(p, targetId)]);
  const [source, target] = await Promise.all([personSnapshot(prisma, sourceId), personSnapshot(prisma, targetId)]);
  if (!source || !target) throw notFound("Person");
  const plan = planMerge(source, target);
  const routes = await prisma.agentRoute.findMany({
    where: { id: { in: [...plan.repointRouteIds, ...plan.conflictingRouteIds] } },
    select: { id: true, label: true, priority: true, active: true, instance: { select: { name: true } }, agent: { select: { name: true } } },
  });
  return {
    source: sourceView,
    target: targetView,
    fields: plan.fields,
    sameAsSelf: sourceId === targetId,
    routes: routes.map((r) => ({ ...r, conflict: plan.conflictingRouteIds.includes(r.id) })),
  };
}
