// Revert a merge, link or unlink from its audit event, if nothing since conflicts with it.
// The event's "before" snapshots say what to restore; every change made since that would be
// lost or contradicted is a reason for a 409 (all reasons are listed). The revert is one
// transaction and is itself audited as `audit.revert`.
import "server-only";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { hasScope } from "../auth/rules/scopes";
import type { Principal } from "../auth/principal";
import { canRevertAuditEvent, canSeeAuditEvent } from "../auth/instance-policy";
import { writeAudit, type Tx } from "./write-audit";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { emitChange } from "../events/changes";
import { isRevertibleAction } from "./rules/actions";
import { personSnapshot } from "../persons/person-records";
import { revealSnapshots } from "../privacy/reveal-personal-fields";

type SnapIdentity = { id: string; personId: string; linkedBy: string | null; linkReason: string | null };
type SnapRoute = { id: string; instanceId: string; active: boolean };
type Snap = {
  id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null;
  metadata: unknown; createdAt: string; identities: SnapIdentity[]; routes: SnapRoute[];
};
type MergeBefore = { source: Snap; target: Snap };
type MergeAfter = { person: Snap; mergedIdentityIds: string[]; repointedRouteIds: string[]; conflictingRouteIds: string[]; filledFields: string[] };
type UnlinkBefore = { identity: SnapIdentity; person: Snap };
type UnlinkAfter = { person: Snap; fromPersonId: string };

/** Reverting takes `audit:revert` (team leads have it) or `persons:write` (../shared/API.md, Additions). */
export function canRevert(p: Principal): boolean {
  return hasScope(p.scopes, "audit:revert") || hasScope(p.scopes, "persons:write");
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const PERSON_FIELDS = ["displayName", "primaryPhone", "primaryEmail", "avatarUrl", "metadata"] as const;

function cannot(reasons: string[], eventId: string): AppError {
  return conflict(`This event cannot be reverted: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ""}`, { eventId, reasons });
}

async function revertMerge(tx: Tx, eventId: string, before: MergeBefore, after: MergeAfter) {
  const { source, target } = before;
  const reasons: string[] = [];
  if (await tx.person.findUnique({ where: { id: source.id }, select: { id: true } })) reasons.push(`person ${source.id} exists again.`);
  const current = await personSnapshot(tx, target.id);
  if (!current) throw cannot([`the person it merged into (${target.id}) has been deleted since.`], eventId);
  const moved = await tx.platformIdentity.findMany({ where: { id: { in: after.mergedIdentityIds } }, select: { id: true, personId: true } });
  for (const id of after.mergedIdentityIds) {
    const m = moved.find((x) => x.id === id);
    if (!m) reasons.push(`identity ${id} has been deleted since.`);
    else if (m.personId !== target.id) reasons.push(`identity ${id} has moved to another person since.`);
  }
  const routeIds = [...after.repointedRouteIds, ...after.conflictingRouteIds];
  const routes = await tx.agentRoute.findMany({ where: { id: { in: routeIds } }, select: { id: true, personId: true } });
  for (const id of routeIds) {
    const r = routes.find((x) => x.id === id);
    if (!r) reasons.push(`route ${id} has been deleted since.`);
    else if (r.personId !== target.id) reasons.push(`route ${id} now targets another person.`);
  }
  for (const f of after.filledFields) {
    if (!same(current[f as keyof typeof current], after.person[f as keyof Snap])) reasons.push(`the ${f} of the merged person has been edited since.`);
  }
  if (reasons.length) throw cannot(reasons, eventId);

  await tx.person.create({
    data: {
      id: source.id, displayName: source.displayName, primaryPhone: source.primaryPhone, primaryEmail: source.primaryEmail,
      avatarUrl: source.avatarUrl, metadata: source.metadata === null ? Prisma.DbNull : (source.metadata as Prisma.InputJsonValue),
      createdAt: new Date(source.createdAt),
    },
  });
  for (const i of source.identities) {
    await tx.platformIdentity.update({ where: { id: i.id }, data: { personId: source.id, linkedBy: i.linkedBy, linkReason: i.linkReason } });
  }
  for (const r of source.routes) {
    if (routeIds.includes(r.id)) await tx.agentRoute.update({ where: { id: r.id }, data: { personId: source.id, active: r.active } });
  }
  const restore: Prisma.PersonUpdateInput = {};
  for (const f of after.filledFields as (typeof PERSON_FIELDS)[number][]) {
    if (f === "metadata") restore.metadata = target.metadata === null ? Prisma.DbNull : (target.metadata as Prisma.InputJsonValue);
    else if (PERSON_FIELDS.includes(f)) restore[f] = target[f];
  }
  if (Object.keys(restore).length) await tx.person.update({ where: { id: target.id }, data: restore });
  return {
    persons: [source.id, target.id],
    routeInstanceIds: [...new Set(source.routes.filter((r) => routeIds.includes(r.id)).map((r) => r.instanceId))],
    before: { target: current },
    after: { source: await personSnapshot(tx, source.id), target: await personSnapshot(tx, target.id) },
  };
}

async function revertUnlink(tx: Tx, eventId: string, before: UnlinkBefore, after: UnlinkAfter) {
  const reasons: string[] = [];
  const identity = await tx.platformIdentity.findUnique({ where: { id: before.identity.id }, select: { personId: true } });
  const newPerson = await personSnapshot(tx, after.person.id);
  const oldPerson = await tx.person.findUnique({ where: { id: before.person.id }, select: { id: true } });
  if (!identity) reasons.push(`identity ${before.identity.id} has been deleted since.`);
  else if (identity.personId !== after.person.id) reasons.push(`identity ${before.identity.id} has moved to another person since.`);
  if (!oldPerson) reasons.push(`the person it was unlinked from (${before.person.id}) has been deleted since.`);
  if (newPerson) {
    if (newPerson.identities.length > 1) reasons.push(`the new person ${newPerson.id} has gained other identities since.`);
    if (newPerson.routes.length) reasons.push(`routes now target the new person ${newPerson.id}.`);
    for (const f of PERSON_FIELDS) {
      if (!same(newPerson[f], after.person[f])) reasons.push(`the ${f} of the new person has been edited since.`);
    }
  }
  if (reasons.length) throw cannot(reasons, eventId);
  await tx.platformIdentity.update({
    where: { id: before.identity.id },
    data: { personId: before.person.id, linkedBy: before.identity.linkedBy, linkReason: before.identity.linkReason },
  });
  if (newPerson) await tx.person.delete({ where: { id: newPerson.id } });
  return {
    persons: [before.person.id, after.person.id],
    routeInstanceIds: [] as string[],
    before: { person: newPerson },
    after: { person: await personSnapshot(tx, before.person.id), deletedPersonId: after.person.id },
  };
}

/**
 * Reverts the merge, link or unlink recorded by `eventId` (persons:write, or a lead session), in
 * one transaction audited `audit.revert`. 404 when unknown or not visible to an instance-restricted
 * key; 403 unless every subject of the event is on the key's instances; 409 for another action, an
 * event already reverted, or changes since that the revert would lose.
 */
export async function revertAuditEvent(p: Principal, eventId: string, reason?: string | null) {
  if (!canRevert(p)) {
    throw forbidden(`This ${p.type === "apiKey" ? "API key" : "account"} lacks the scope "audit:revert" (or "persons:write").`, {
      requiredScope: "audit:revert", acceptedScopes: ["audit:revert", "persons:write"],
    });
  }
  const stored = await prisma.auditEvent.findUnique({
    where: { id: eventId },
    include: { subjects: { select: { subjectType: true, instances: { select: { instanceId: true } } } } },
  });
  const [event] = stored ? await revealSnapshots(prisma, [stored]) : [null];
  const subjects = (event?.subjects ?? []).map((s) => ({ subjectType: s.subjectType, instanceIds: s.instances.map((i) => i.instanceId) }));
  if (!event || !canSeeAuditEvent(p, subjects)) throw notFound("Audit event");
  if (!canRevertAuditEvent(p, subjects)) {
    throw forbidden("This API key is restricted to other instances: reverting this event would change records outside them.", { eventId });
  }
  if (!isRevertibleAction(event.action)) {
    throw conflict(`Only merges, links and unlinks can be reverted; this event is a ${event.action}.`, { eventId, reasons: ["not revertible"] });
  }
  if (event.erased) {
    throw conflict("This event cannot be reverted: personal data it would restore has been erased.", { eventId, reasons: ["personal data erased"] });
  }
  const result = await auditedTransaction(async (tx) => {
    // The persons the event concerns, locked before anything is read (a second revert of the same
    // event waits here, then sees the first one's audit.revert).
    const snap = event.action === "identity.unlink"
      ? [(event.before as unknown as UnlinkBefore)?.person?.id, (event.after as unknown as UnlinkAfter)?.person?.id]
      : [(event.before as unknown as MergeBefore)?.source?.id, (event.before as unknown as MergeBefore)?.target?.id];
    await lockRows(tx, { person: snap.filter((id): id is string => typeof id === "string") });
    const done = await tx.auditEvent.findFirst({ where: { action: "audit.revert", targetId: eventId }, select: { id: true, at: true } });
    if (done) throw cannot([`it was already reverted (event ${done.id}).`], eventId);
    const r = event.action === "identity.unlink"
      ? await revertUnlink(tx, eventId, event.before as unknown as UnlinkBefore, event.after as unknown as UnlinkAfter)
      : await revertMerge(tx, eventId, event.before as unknown as MergeBefore, event.after as unknown as MergeAfter);
    const audit = await writeAudit(tx, p, {
      action: "audit.revert",
      targetType: "auditEvent",
      targetId: eventId,
      reason: reason ?? `Revert of ${event.action}`,
      before: { revertedAction: event.action, ...r.before },
      after: r.after,
      subjects: r.persons,
    });
    return { ...r, auditEventId: audit.id };
  });
  for (const id of result.persons) emitChange({ kind: "person", id });
  for (const instanceId of result.routeInstanceIds) emitChange({ kind: "route", instanceId });
  return { revertedEventId: eventId, action: event.action, persons: result.persons, auditEventId: result.auditEventId };
}
