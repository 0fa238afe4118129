// Edit a person's own fields (name, phone, email, avatar, metadata), audited person.update.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { Prisma } from "../generated/prisma/client";
import { notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { PersonUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { findPerson, personFields } from "./person-records";
import { changedFields } from "../audit/rules/changed-fields";

/**
 * Updates the given fields (`persons:write`); the audit event holds only the changed ones. A patch
 * that changes nothing writes nothing: no audit event, `updatedAt` kept.
 */
export async function updatePerson(p: Principal, id: string, input: PersonUpdate) {
  requireScope(p, "persons:write");
  await findPerson(p, id);
  const data: Prisma.PersonUpdateInput = {};
  if (input.displayName !== undefined) data.displayName = input.displayName;
  if (input.primaryPhone !== undefined) data.primaryPhone = input.primaryPhone;
  if (input.primaryEmail !== undefined) data.primaryEmail = input.primaryEmail;
  if (input.avatarUrl !== undefined) data.avatarUrl = input.avatarUrl;
  if (input.metadata !== undefined) data.metadata = input.metadata === null ? Prisma.DbNull : (input.metadata as Prisma.InputJsonValue);
  const wrote = await auditedTransaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id }, select: personFields });
    if (!before) throw notFound("Person");
    const changed = changedFields(before, input);
    if (!changed.length) return false; // a PATCH that changes nothing writes nothing (contract)
    const after = await tx.person.update({ where: { id }, data, select: personFields });
    await writeAudit(tx, p, {
      action: "person.update", targetType: "person", targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return true;
  });
  if (!wrote) return findPerson(p, id);
  emitChange({ kind: "person", id });
  return findPerson(p, id);
}

