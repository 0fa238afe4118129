// Edit a person's own fields (name, phone, email, avatar, metadata), audited person.update.
import "server-only";
import { auditedTransaction, optimisticWrite, STALE } from "../db/audited-transaction";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import type { PersonUpdate } from "./schemas";
import { auditInStatement, writeAudit } from "../audit/write-audit";
import { lockPersonsWithIdentities, personFields, readPersonForWrite, visibleView } from "./person-records";
import { personNotFound } from "./merged-away";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { knownDayKeys, utcDay } from "../privacy/data-keys";

type Columns = { displayName?: string | null; primaryPhone?: string | null; primaryEmail?: string | null; avatarUrl?: string | null; metadata?: unknown };
/** The columns a person update writes (the statement names them). */
const COLUMNS: readonly (keyof Columns)[] = ["displayName", "primaryPhone", "primaryEmail", "avatarUrl", "metadata"];

/**
 * Updates the given fields (`persons:write`); the audit event holds only the changed ones.
 * `ifMatch` (a parsed If-Match) is checked against the person as it is when the change applies
 * (412 when stale). A patch that changes nothing writes nothing: no audit event, `updatedAt` kept.
 * Returns the person as getPerson shows it; 404 (with `details.mergedInto` when merged away) when
 * unknown or invisible to the principal's instances.
 *
 * PostgreSQL (tests/integration/write-statements.test.ts: 2 statements, no transaction): the
 * person, its identities, its data key of the day and the event's seq are read without a lock;
 * one statement then updates the row if its xmin is still the one read (nothing changed it, and
 * no transaction that locked it — every write that moves identities does — has committed since)
 * and stores the audit event, its subjects and outbox row with it (the change is published after). When the
 * row changed, it reads again (optimisticWrite: bounded; then the
 * transactional way, which waits for the row). The first
 * edit of a person on a UTC day (no data key yet) takes the transactional way below, which
 * creates the key. SQLite (one write transaction at a time): the person locked and read inside
 * one transaction, the update and the event after it.
 */
export async function updatePerson(p: Principal, id: string, input: PersonUpdate, ifMatch?: IfMatch) {
  requireScope(p, "persons:write");
  if (dbProvider === "postgresql") {
    const done = await updateWithoutLock(p, id, input, ifMatch);
    if (done !== NEEDS_KEY) return done;
  }
  return updateLocked(p, id, input, ifMatch);
}

const NEEDS_KEY = Symbol("needs a data key");

async function updateWithoutLock(p: Principal, id: string, input: PersonUpdate, ifMatch?: IfMatch) {
  return optimisticWrite(async () => {
    const now = new Date();
    const read = await readPersonForWrite(id, utcDay(now));
    const before = read && visibleView(p, read.person);
    if (!read || !before) throw await personNotFound(p, id, "Person"); // 404 when unknown or invisible
    assertIfMatch(ifMatch, before);
    const changed = (changedFields(before, input) as (keyof Columns)[]).filter((k) => COLUMNS.includes(k));
    if (!changed.length) return { ...before }; // a PATCH that changes nothing writes nothing (contract)
    const value = (k: keyof Columns) => input[k] ?? null;
    const audit = auditInStatement(p, {
      action: "person.update", targetType: "person", targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, value(k)])),
      changes: [{ kind: "person", id }],
    }, read.seq, now,
    // the person with the instances of all its identities (visible or not), as read: the xmin
    // check below holds them to what they are when the update applies
    [{ id, type: "person", instanceIds: read.person.identities.map((i) => i.instanceId) }],
    knownDayKeys([read.key]));
    if (!audit) return NEEDS_KEY;
    const sets = changed.map((k) => (k === "metadata"
      ? Prisma.sql`"metadata" = ${input.metadata == null ? null : JSON.stringify(input.metadata)}::jsonb`
      : Prisma.sql`${Prisma.raw(`"${k}"`)} = ${value(k)}`));
    const rows = await prisma.$queryRaw<{ updatedAt: Date }[]>(audit.statement(Prisma.sql`UPDATE "Person" SET ${Prisma.join(sets, ", ")}, "updatedAt" = ${now.toISOString()}::timestamp(3)
      WHERE "id" = ${id} AND "xmin" = ${read.xmin}::xid RETURNING "updatedAt"`));
    if (!rows.length) return STALE; // changed since it was read: read again
    audit.committed();
    return { ...before, ...Object.fromEntries(changed.map((k) => [k, value(k)])), updatedAt: rows[0].updatedAt };
  }, () => updateLocked(p, id, input, ifMatch)); // contended: wait for the row instead
}

async function updateLocked(p: Principal, id: string, input: PersonUpdate, ifMatch?: IfMatch) {
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
