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
import { writeAudit, type Tx } from "../audit/write-audit";
import { auditedTransaction } from "../db/audited-transaction";
import { lockPersonsWithIdentities, personSnapshot, requireAllIdentitiesVisible, routeFields, visibleView, type IdentityRow, type PersonSnapshot } from "./person-records";
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

/**
 * The merge itself, inside the caller's transaction (merge and link share it). `audit` names
 * the action and may add to the event's before/after.
 */
export async function mergeInTx(
  tx: Tx,
  p: Principal,
  sourceId: string,
  targetId: string,
  reason: string | null,
  audit: { action: "person.merge" | "identity.link"; targetType?: string; targetId?: string; before?: object; after?: object; subjects?: string[] },
): Promise<MergeOutcome> {
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
  const snapshot = (row: PersonView): PersonSnapshot => {
    const { identities, ...fields } = row;
    return {
      ...fields,
      identities: [...identities].sort(byCreated).map(withoutInstance),
      routes: routes.filter((r) => r.personId === row.id).map(({ createdAt: _c, ...r }) => (void _c, r)),
    };
  };
  const source = snapshot(srcRow);
  const target = snapshot(tgtRow);
  requireAllIdentitiesVisible(p, source.identities);
  requireAllIdentitiesVisible(p, target.identities);
  const plan = planMerge(source, target);
  const linkedBy = p.name;
  const linkReason = reason ?? (audit.action === "identity.link" ? "Linked" : "Merged");
  const now = new Date();
  const moved = [...plan.repointRouteIds, ...plan.conflictingRouteIds];
  const filled = Object.keys(plan.fields).length ? { ...plan.fields, updatedAt: now } : {};

  if (dbProvider === "postgresql") {
    // One statement for the moves and the fill (data-modifying CTEs); the source is deleted after
    // them (its cascades must find nothing left to delete).
    const parts = [Prisma.sql`i AS (UPDATE "PlatformIdentity" SET "personId" = ${targetId}, "linkedBy" = ${linkedBy}, "linkReason" = ${linkReason}, "updatedAt" = ${now} WHERE "personId" = ${sourceId})`];
    if (moved.length) {
      const off = plan.conflictingRouteIds.length ? Prisma.sql`CASE WHEN "id" IN (${Prisma.join(plan.conflictingRouteIds)}) THEN false ELSE "active" END` : Prisma.sql`"active"`;
      parts.push(Prisma.sql`r AS (UPDATE "AgentRoute" SET "personId" = ${targetId}, "active" = ${off}, "updatedAt" = ${now} WHERE "id" IN (${Prisma.join(moved)}))`);
    }
    if (Object.keys(filled).length) {
      const sets = Object.entries(filled).map(([k, v]) => (k === "metadata" ? Prisma.sql`"metadata" = ${JSON.stringify(v)}::jsonb` : Prisma.sql`${Prisma.raw(`"${k}"`)} = ${v as string | Date}`));
      parts.push(Prisma.sql`p AS (UPDATE "Person" SET ${Prisma.join(sets)} WHERE "id" = ${targetId})`);
    }
    await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(parts, ", ")} SELECT 1`);
  } else {
    await tx.platformIdentity.updateMany({ where: { personId: sourceId }, data: { personId: targetId, linkedBy, linkReason, updatedAt: now } });
    if (plan.repointRouteIds.length) await tx.agentRoute.updateMany({ where: { id: { in: plan.repointRouteIds } }, data: { personId: targetId, updatedAt: now } });
    if (plan.conflictingRouteIds.length) await tx.agentRoute.updateMany({ where: { id: { in: plan.conflictingRouteIds } }, data: { personId: targetId, active: false, updatedAt: now } });
    if (Object.keys(filled).length) {
      const data: Prisma.PersonUpdateInput = { updatedAt: now };
      for (const [k, v] of Object.entries(plan.fields) as [FillableField, unknown][]) {
        if (k === "metadata") data.metadata = v as Prisma.InputJsonValue;
        else data[k] = v as string;
      }
      await tx.person.update({ where: { id: targetId }, data });
    }
  }
  await tx.person.delete({ where: { id: sourceId } });

  // The survivor as it now is: its fields filled, the source's identities and moved routes on it.
  const movedIdentities = srcRow.identities.map((i) => ({ ...i, personId: targetId, linkedBy, linkReason, updatedAt: now }));
  const afterRow: PersonView = {
    ...tgtRow, ...(filled as Partial<PersonView>),
    identities: [...tgtRow.identities, ...movedIdentities].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : byCreated(a, b))),
  };
  const movedRoutes = routes.filter((r) => moved.includes(r.id)).map((r) => ({
    ...r, personId: targetId, active: plan.conflictingRouteIds.includes(r.id) ? false : r.active, updatedAt: now,
  }));
  const afterTarget = { ...snapshot(afterRow), routes: [...routes.filter((r) => r.personId === targetId), ...movedRoutes].sort(byCreated).map(({ createdAt: _c, ...r }) => (void _c, r)) };
  const mergedIdentityIds = source.identities.map((i) => i.id);
  const event = await writeAudit(tx, p, {
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
  }, seq ?? undefined);
  return {
    targetId,
    sourceId,
    mergedIdentityIds,
    repointedRouteIds: plan.repointRouteIds,
    conflictingRouteIds: plan.conflictingRouteIds,
    auditEventId: event.id,
    person: visibleView(p, afterRow),
  };
}

/**
 * Merges `sourceId` into `targetId` (`persons:write`), audited person.merge, and returns the
 * surviving person as read in the same transaction. 409 for a person into itself; 404 when either
 * is unknown or invisible; 403 when an identity of either is outside a restricted key's instances.
 */
export async function mergePersons(p: Principal, input: MergeInput) {
  requireScope(p, "persons:write");
  if (input.sourceId === input.targetId) throw conflict("Cannot merge a person into itself.", { sourceId: input.sourceId });
  // Both must be visible (404 otherwise, checked under the lock) before anything else is said about
  // them. The answer is built in the same transaction: a later change (another merge) cannot turn a
  // committed merge into an error response.
  const { outcome, person } = await auditedTransaction(async (tx) => {
    const outcome = await mergeInTx(tx, p, input.sourceId, input.targetId, input.reason ?? null, { action: "person.merge" });
    return { outcome, person: outcome.person! };
  });
  return {
    person,
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
