// Edit a person's own fields (name, phone, email, avatar, metadata), audited person.update.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import type { PersonUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { lockPersonsWithIdentities, personFields, visibleView } from "./person-records";
import { personNotFound } from "./merged-away";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Updates the given fields (`persons:write`); the audit event holds only the changed ones. The
 * person is locked and read inside the transaction, where `ifMatch` (a parsed If-Match) is checked
 * (412 when stale). A patch that changes nothing writes nothing: no audit event, `updatedAt` kept.
 * Returns the person as getPerson shows it. Lean: the lock returns the row and the event's seq,
 * the update returns the new row, and the event's subjects come from the identities already read
 * (PostgreSQL: 5 statements with the data-key read; tests/integration/write-statements.test.ts).
 */
export async function updatePerson(p: Principal, id: string, input: PersonUpdate, ifMatch?: IfMatch) {
  requireScope(p, "persons:write");
  const data: Prisma.PersonUpdateInput = {};
  if (input.displayName !== undefined) data.displayName = input.displayName;
  if (input.primaryPhone !== undefined) data.primaryPhone = input.primaryPhone;
  if (input.primaryEmail !== undefined) data.primaryEmail = input.primaryEmail;
  if (input.avatarUrl !== undefined) data.avatarUrl = input.avatarUrl;
  if (input.metadata !== undefined) data.metadata = input.metadata === null ? Prisma.DbNull : (input.metadata as Prisma.InputJsonValue);
  const { view } = await auditedTransaction(async (tx) => {
    const { persons, seq } = await lockPersonsWithIdentities(tx, [id]);
    const row = persons.get(id);
    const before = row && visibleView(p, row);
    if (!row || !before) throw await personNotFound(p, id, "Person", tx); // 404 when unknown or invisible
    assertIfMatch(ifMatch, before);
    const changed = changedFields(before, input);
    if (!changed.length) return { view: before }; // a PATCH that changes nothing writes nothing (contract)
    const after = await tx.person.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, data[k as keyof typeof data]])), select: personFields });
    await writeAudit(tx, p, {
      action: "person.update", targetType: "person", targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
      // the person with the instances of all its identities (visible or not), as read under the lock
      subjects: [{ id, type: "person", instanceIds: row.identities.map((i) => i.instanceId) }],
      changes: [{ kind: "person", id }],
    }, seq ?? undefined);
    return { view: { ...before, ...after } };
  });
  return view;
}
