// Unlink an identity: it moves to a new person of its own, in one transaction with its
// identity.unlink event.
import "server-only";
import { conflict, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { UnlinkInput } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { auditedTransaction, lockIdentitiesWithPersons } from "../db/audited-transaction";
import { findPerson, findVisibleIdentity, identityFields, personSnapshot } from "./person-records";

/** Moves the identity to a new person (`persons:write`); 409 when it is its person's only identity. */
export async function unlinkIdentity(p: Principal, identityId: string, input: UnlinkInput) {
  requireScope(p, "persons:write");
  await findVisibleIdentity(p, identityId);
  const reason = input.reason ?? "Manual unlink";
  const result = await auditedTransaction(async (tx) => {
    // The identity and its person locked (person first): neither changes before this commits.
    await lockIdentitiesWithPersons(tx, [identityId]);
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
      changes: [{ kind: "person", id: oldPerson.id }, { kind: "person", id: created.id }],
    });
    const person = await findPerson(p, created.id, tx); // same transaction (see mergePersons)
    return { oldPersonId: oldPerson.id, newPersonId: created.id, identity: moved, auditEventId: event.id, person };
  });
  return {
    person: result.person,
    identity: result.identity,
    fromPersonId: result.oldPersonId,
    auditEventId: result.auditEventId,
  };
}
