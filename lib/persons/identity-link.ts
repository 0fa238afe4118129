// Link and unlink identities. Every identity always belongs to exactly one person, so linking
// two identities of different persons merges B's person into A's (and says so); unlinking moves
// one identity to a new person of its own. Each is one transaction with its audit event.
import { prisma } from "../db";
import { conflict, notFound } from "../errors";
import { canSeeInstance, requireScope, type Principal } from "../auth/principal";
import type { LinkInput, UnlinkInput } from "./schemas";
import { lockAuditedWrites, writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { announceMerge, mergeInTx } from "./merge-persons";
import { getPerson, identityFields, personSnapshot } from "./persons";

async function visibleIdentity(p: Principal, id: string, what = "Identity") {
  const row = await prisma.platformIdentity.findUnique({ where: { id }, select: { id: true, personId: true, instanceId: true } });
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound(what);
  return row;
}

export async function linkIdentities(p: Principal, input: LinkInput) {
  requireScope(p, "persons:write");
  if (input.identityA === input.identityB) throw conflict("Cannot link an identity to itself.");
  const a = await visibleIdentity(p, input.identityA, "Identity A");
  const b = await visibleIdentity(p, input.identityB, "Identity B");
  if (a.personId === b.personId) {
    throw conflict("Both identities are already on the same person.", { personId: a.personId });
  }
  const { outcome, person } = await prisma.$transaction(async (tx) => {
    await lockAuditedWrites(tx);
    // Re-read inside the transaction: the identities may have moved since.
    const [ta, tb] = await Promise.all([
      tx.platformIdentity.findUnique({ where: { id: a.id }, select: { personId: true } }),
      tx.platformIdentity.findUnique({ where: { id: b.id }, select: { personId: true } }),
    ]);
    if (!ta || !tb) throw notFound("Identity");
    if (ta.personId === tb.personId) throw conflict("Both identities are already on the same person.", { personId: ta.personId });
    const outcome = await mergeInTx(tx, p, tb.personId, ta.personId, input.reason ?? null, {
      action: "identity.link",
      targetType: "identity",
      targetId: b.id,
      before: { identityA: a.id, identityB: b.id },
      after: { identityA: a.id, identityB: b.id, merged: true },
      subjects: [a.id, b.id],
    });
    // read in the same transaction (see mergePersons)
    return { outcome, person: await getPerson({ ...p, scopes: ["*"] }, outcome.targetId, tx) };
  });
  announceMerge(outcome);
  return {
    person,
    merged: true,
    mergedPersonId: outcome.sourceId,
    mergedIdentityIds: outcome.mergedIdentityIds,
    message: `Identity B's person was merged into identity A's person (${outcome.mergedIdentityIds.length} identit${outcome.mergedIdentityIds.length === 1 ? "y" : "ies"} moved).`,
    auditEventId: outcome.auditEventId,
  };
}

export async function unlinkIdentity(p: Principal, identityId: string, input: UnlinkInput) {
  requireScope(p, "persons:write");
  await visibleIdentity(p, identityId);
  const reason = input.reason ?? "Manual unlink";
  const result = await prisma.$transaction(async (tx) => {
    await lockAuditedWrites(tx);
    const identity = await tx.platformIdentity.findUnique({ where: { id: identityId }, select: identityFields });
    if (!identity) throw notFound("Identity");
    const oldPerson = await personSnapshot(tx, identity.personId);
    if (!oldPerson) throw notFound("Person");
    if (oldPerson.identities.length === 1) {
      throw conflict("This identity is the only one on its person: it already has a person of its own.", { personId: oldPerson.id });
    }
    const created = await tx.person.create({
      data: { displayName: identity.platformUsername ?? oldPerson.displayName ?? identity.platformUserId },
      select: { id: true },
    });
    const moved = await tx.platformIdentity.update({
      where: { id: identityId },
      data: { personId: created.id, linkedBy: p.name, linkReason: reason },
      select: identityFields,
    });
    const newPerson = await personSnapshot(tx, created.id);
    const { instance: _i, ...identityBefore } = identity;
    void _i;
    const event = await writeAudit(tx, p, {
      action: "identity.unlink",
      targetType: "identity",
      targetId: identityId,
      reason,
      before: { identity: identityBefore, person: oldPerson },
      after: { identity: { ...identityBefore, personId: created.id, linkedBy: p.name, linkReason: reason }, person: newPerson, fromPersonId: oldPerson.id },
      subjects: [oldPerson.id, created.id],
    });
    const person = await getPerson({ ...p, scopes: ["*"] }, created.id, tx); // same transaction (see mergePersons)
    return { oldPersonId: oldPerson.id, newPersonId: created.id, identity: moved, auditEventId: event.id, person };
  });
  emitChange({ kind: "person", id: result.oldPersonId });
  emitChange({ kind: "person", id: result.newPersonId });
  return {
    person: result.person,
    identity: result.identity,
    fromPersonId: result.oldPersonId,
    auditEventId: result.auditEventId,
  };
}
