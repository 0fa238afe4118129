// Merge two persons into one, in one transaction with its audit event:
//   every identity of the source moves to the target; the source's user-scope routes are
//   re-pointed to the target (a source route on an instance where the target already has an
//   active user route is re-pointed but deactivated, and reported as a conflict); the target's
//   empty fields are filled from the source; the source is deleted. The audit event keeps both
//   full "before" snapshots, so the merge can be reviewed and reverted (audit-revert.ts).
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { AppError, conflict, isAppError, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { MergeInput } from "./schemas";
import { writeAudit, type Tx } from "../audit/write-audit";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { emitChange } from "../events/changes";
import { findPerson, personSnapshot, requireAllIdentitiesVisible } from "./person-records";
import { getPerson } from "./get-person";
import { planMerge, type FillableField } from "./rules/plan-merge";

export type MergeOutcome = {
  targetId: string;
  sourceId: string;
  mergedIdentityIds: string[];
  repointedRouteIds: string[];
  conflictingRouteIds: string[];
  auditEventId: string;
  routeInstanceIds: string[];
};

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
  // Both persons locked (ids ascending): what is read below cannot change before this commits,
  // and a merge the other way round waits rather than deadlocks.
  await lockRows(tx, { person: [sourceId, targetId] });
  const [source, target] = await Promise.all([personSnapshot(tx, sourceId), personSnapshot(tx, targetId)]);
  if (!source) throw notFound("Source person");
  if (!target) throw notFound("Target person");
  requireAllIdentitiesVisible(p, source.identities);
  requireAllIdentitiesVisible(p, target.identities);
  const plan = planMerge(source, target);
  const linkedBy = p.name;
  const linkReason = reason ?? (audit.action === "identity.link" ? "Linked" : "Merged");

  await tx.platformIdentity.updateMany({
    where: { personId: sourceId },
    data: { personId: targetId, linkedBy, linkReason },
  });
  if (plan.repointRouteIds.length) {
    await tx.agentRoute.updateMany({ where: { id: { in: plan.repointRouteIds } }, data: { personId: targetId } });
  }
  if (plan.conflictingRouteIds.length) {
    await tx.agentRoute.updateMany({ where: { id: { in: plan.conflictingRouteIds } }, data: { personId: targetId, active: false } });
  }
  const data: Prisma.PersonUpdateInput = {};
  for (const [k, v] of Object.entries(plan.fields) as [FillableField, unknown][]) {
    if (k === "metadata") data.metadata = v as Prisma.InputJsonValue;
    else data[k] = v as string;
  }
  if (Object.keys(data).length) await tx.person.update({ where: { id: targetId }, data });
  await tx.person.delete({ where: { id: sourceId } });

  const afterTarget = await personSnapshot(tx, targetId);
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
    // the source is deleted by now: recorded with the instances its identities were on
    subjects: [{ id: sourceId, type: "person", instanceIds: source.identities.map((i) => i.instanceId) }, targetId, ...(audit.subjects ?? [])],
  });
  return {
    targetId,
    sourceId,
    mergedIdentityIds,
    repointedRouteIds: plan.repointRouteIds,
    conflictingRouteIds: plan.conflictingRouteIds,
    auditEventId: event.id,
    routeInstanceIds: [...new Set(source.routes.map((r) => r.instanceId))],
  };
}

/** After commit: the route cache and every other listener drop what the merge made stale. */
export function announceMerge(o: Pick<MergeOutcome, "sourceId" | "targetId" | "routeInstanceIds">) {
  emitChange({ kind: "person", id: o.sourceId });
  emitChange({ kind: "person", id: o.targetId });
  for (const instanceId of o.routeInstanceIds) emitChange({ kind: "route", instanceId });
}

/**
 * Merges `sourceId` into `targetId` (`persons:write`), audited person.merge, and returns the
 * surviving person as read in the same transaction. 409 for a person into itself; 404 when either
 * is unknown or invisible; 403 when an identity of either is outside a restricted key's instances.
 */
export async function mergePersons(p: Principal, input: MergeInput) {
  requireScope(p, "persons:write");
  if (input.sourceId === input.targetId) throw conflict("Cannot merge a person into itself.", { sourceId: input.sourceId });
  // Both must be visible (404 otherwise) before anything else is said about them.
  const renamed = (what: string) => (e: unknown) => {
    throw isAppError(e) && e.code === "NOT_FOUND" ? new AppError("NOT_FOUND", e.message.replace(/^Person/, what), e.details) : e;
  };
  await findPerson(p, input.sourceId).catch(renamed("Source person"));
  await findPerson(p, input.targetId).catch(renamed("Target person"));
  // The answer is read in the same transaction: a later change (another merge) cannot turn a
  // committed merge into an error response.
  const { outcome, person } = await auditedTransaction(async (tx) => {
    const outcome = await mergeInTx(tx, p, input.sourceId, input.targetId, input.reason ?? null, { action: "person.merge" });
    return { outcome, person: await findPerson(p, outcome.targetId, tx) };
  });
  announceMerge(outcome);
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
