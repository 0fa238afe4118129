// Edit a person's own fields (name, phone, email, avatar, metadata), audited person.update.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import type { PersonUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { findPerson, personFields } from "./person-records";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Updates the given fields (`persons:write`); the audit event holds only the changed ones. The
 * person is locked and read inside the transaction, where `ifMatch` (a parsed If-Match) is checked
 * (412 when stale). A patch that changes nothing writes nothing: no audit event, `updatedAt` kept.
 * Returns the person as getPerson shows it.
 */
export async function updatePerson(p: Principal, id: string, input: PersonUpdate, ifMatch?: IfMatch) {
  requireScope(p, "persons:write");
  const data: Prisma.PersonUpdateInput = {};
  if (input.displayName !== undefined) data.displayName = input.displayName;
  if (input.primaryPhone !== undefined) data.primaryPhone = input.primaryPhone;
  if (input.primaryEmail !== undefined) data.primaryEmail = input.primaryEmail;
  if (input.avatarUrl !== undefined) data.avatarUrl = input.avatarUrl;
  if (input.metadata !== undefined) data.metadata = input.metadata === null ? Prisma.DbNull : (input.metadata as Prisma.InputJsonValue);
  const { view, wrote } = await auditedTransaction(async (tx) => {
    await lockRows(tx, { person: [id] });
    const before = await findPerson(p, id, tx); // 404 when unknown or invisible
    assertIfMatch(ifMatch, before);
    const changed = changedFields(before, input);
    if (!changed.length) return { view: before, wrote: false }; // a PATCH that changes nothing writes nothing (contract)
    const after = await tx.person.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, data[k as keyof typeof data]])), select: personFields });
    await writeAudit(tx, p, {
      action: "person.update", targetType: "person", targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
    });
    return { view: { ...before, ...after }, wrote: true };
  });
  if (wrote) emitChange({ kind: "person", id });
  return view;
}
