// Appends an audit event inside the caller's transaction, unsealed (the sealer chains it after commit).
import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import type { AuditEvent } from "../generated/prisma/client";
import { contentHash } from "./rules/hash";
import { actorOf, type Principal } from "../auth/principal";
import { dbProvider } from "../db";
import type { AuditAction } from "./rules/actions";
import { resolveSubjects, type SubjectRef } from "./subject-scope";
import { protectPersonalFields, sealPersonalFields } from "../privacy/protect-personal-fields";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue";
import { announceInStatement, announceOnCommit, type ChangeEvent } from "../events/changes";

export type Tx = Prisma.TransactionClient;

export type AuditInput = {
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * Other entities this event concerns (for per-entity history and the instance restriction);
   * the target is added. Ids are looked up in the transaction; a record the change deleted is
   * given as a SubjectRef with the instances it had.
   */
  subjects?: (string | SubjectRef)[];
  /**
   * What the change makes stale, for the caches of every process (events/changes.ts): delivered
   * when, and only if, the transaction commits, and published to the other processes then
   * (change-bus.ts). Needs a transaction of auditedTransaction.
   */
  changes?: ChangeEvent[];
};

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/** An event's place in the database's order: seq, and on PostgreSQL the writing transaction's id. */
export type AuditSeq = { seq: number; txid: string | null };

/**
 * A `WITH` clause naming `auditSeq` (columns "auditSeq", "auditTxid") for a write to join into the
 * statement that locks and reads its rows, so the event's seq costs no round trip of its own (pass
 * the values to writeAudit as `seq`). PostgreSQL: the next value of the audit sequence (no lock,
 * no read of the chain's tail; a no-op or rolled-back write leaves a gap in seq, which the chain
 * does not depend on) and the transaction id zero-padded to 20 digits (text order is numeric
 * order; the sealer orders by it). A CTE with a volatile function is evaluated once, whatever the
 * number of rows it is joined to. SQLite runs one write transaction at a time
 * (lib/db/sqlite-serial-adapter.ts): MAX + 1, valid for one event per transaction.
 */
export function auditSeqCte(): Prisma.Sql {
  return dbProvider === "postgresql"
    ? Prisma.sql`WITH "auditSeq" AS (SELECT ${nextAuditSeqSql} AS "auditSeq", lpad(pg_current_xact_id()::text, 20, '0') AS "auditTxid")`
    : Prisma.sql`WITH "auditSeq" AS (SELECT COALESCE(MAX("seq"), 0) + 1 AS "auditSeq", NULL AS "auditTxid" FROM "AuditEvent")`;
}

/**
 * PostgreSQL: the next audit seq as an SQL expression (int), for a read that takes it ahead of a
 * single-statement write (auditInStatement): unlike auditSeqCte it takes no transaction id, so the
 * read assigns none (the write's statement records its own).
 */
export const nextAuditSeqSql = Prisma.sql`nextval('"AuditEvent_seq_counter"')::int`;

/** The AuditSeq of a row read with auditSeqCte. */
export const auditSeqOf = (r: { auditSeq: unknown; auditTxid: unknown }): AuditSeq => ({
  seq: Number(r.auditSeq), txid: r.auditTxid == null ? null : String(r.auditTxid),
});

/** This event's seq and txid in a statement of its own (for writes that did not take it with their read). */
async function nextSeq(tx: Tx): Promise<AuditSeq> {
  const [r] = await tx.$queryRaw<{ auditSeq: unknown; auditTxid: unknown }[]>(Prisma.sql`${auditSeqCte()} SELECT * FROM "auditSeq"`);
  return auditSeqOf(r);
}

type Row = Omit<AuditEvent, "before" | "after"> & { before: Prisma.JsonValue; after: Prisma.JsonValue };

/**
 * Inserts the event, its subjects, their instances and its webhook outbox row (lib/webhooks/enqueue.ts)
 * — on PostgreSQL in one statement (data-modifying CTEs; foreign keys are checked at its end),
 * on SQLite (which has none) in one statement per table.
 */
async function insertEvent(tx: Tx, row: Row, subjects: SubjectRef[]) {
  const instances = subjects.flatMap((s) => s.instanceIds.map((instanceId) => [s.id, instanceId] as const));
  if (dbProvider !== "postgresql") {
    await tx.auditEvent.create({ data: { ...row, before: json(row.before) ?? Prisma.DbNull, after: json(row.after) ?? Prisma.DbNull } });
    if (subjects.length) await tx.auditSubject.createMany({ data: subjects.map((s) => ({ eventId: row.id, subjectId: s.id, subjectType: s.type })) });
    if (instances.length) await tx.auditSubjectInstance.createMany({ data: instances.map(([subjectId, instanceId]) => ({ eventId: row.id, subjectId, instanceId })) });
    await enqueueWebhookDeliveries(tx, row);
    return;
  }
  await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(eventCtes(row, subjects), ", ")} SELECT 1 FROM e`);
}

/**
 * PostgreSQL: the data-modifying CTEs (named e, s, si, o) that store the event, its subjects and
 * their instances, and its webhook outbox row. With `guard`, the name of a CTE earlier
 * in the statement, all of it happens only if that CTE returns a row (a single-statement write
 * whose compare-and-set may find the row changed). `row.txid` null: the statement's own
 * transaction id, taken in the statement.
 */
function eventCtes(row: Row, subjects: SubjectRef[], guard?: string): Prisma.Sql[] {
  const instances = subjects.flatMap((s) => s.instanceIds.map((instanceId) => [s.id, instanceId] as const));
  const j = (v: Prisma.JsonValue) => (v === null ? null : JSON.stringify(v));
  const values = <T,>(xs: readonly T[], f: (x: T) => Prisma.Sql) => Prisma.join(xs.map(f));
  const txid = row.txid === null ? Prisma.sql`lpad(pg_current_xact_id()::text, 20, '0')` : Prisma.sql`${row.txid}`;
  // timestamp(3) columns hold UTC: an ISO string cast to timestamp keeps its UTC wall time
  const parts = [Prisma.sql`e AS (INSERT INTO "AuditEvent" ("id", "seq", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "reason", "before", "after", "requestId", "ip", "userAgent", "contentHash", "txid")
    SELECT ${row.id}, ${row.seq}::int, ${row.at.toISOString()}::timestamp(3), ${row.actorType}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.targetType}, ${row.targetId}, ${row.reason},
      ${j(row.before)}::jsonb, ${j(row.after)}::jsonb, ${row.requestId}, ${row.ip}, ${row.userAgent}, ${row.contentHash}, ${txid}${guard ? Prisma.raw(` FROM "${guard}"`) : Prisma.empty} RETURNING "id")`];
  if (subjects.length) parts.push(Prisma.sql`s AS (INSERT INTO "AuditSubject" ("eventId", "subjectId", "subjectType") SELECT e."id", x.sid, x.t FROM e CROSS JOIN (VALUES ${values(subjects, (x) => Prisma.sql`(${x.id}, ${x.type})`)}) AS x(sid, t))`);
  if (instances.length) parts.push(Prisma.sql`si AS (INSERT INTO "AuditSubjectInstance" ("eventId", "subjectId", "instanceId") SELECT e."id", x.sid, x.iid FROM e CROSS JOIN (VALUES ${values(instances, ([sid, iid]) => Prisma.sql`(${sid}, ${iid})`)}) AS x(sid, iid))`);
  parts.push(Prisma.sql`o AS (INSERT INTO "WebhookOutbox" ("eventId", "action") SELECT "id", ${row.action} FROM e)`);
  return parts;
}

/** The event row of `input` (personal fields already sealed), its content hash computed. */
function eventRow(principal: Principal, input: AuditInput, { seq, txid }: AuditSeq, at = new Date()): Row {
  const actor = actorOf(principal);
  const fields = {
    seq,
    at,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    reason: input.reason ?? null,
    before: input.before === undefined ? null : (JSON.parse(JSON.stringify(input.before)) as Prisma.JsonValue),
    after: input.after === undefined ? null : (JSON.parse(JSON.stringify(input.after)) as Prisma.JsonValue),
    requestId: principal.requestId ?? null,
    ip: principal.ip ?? null,
    userAgent: principal.userAgent ?? null,
  };
  return { id: randomUUID(), ...fields, contentHash: contentHash(fields), txid, prevHash: null, hash: null, chainSeq: null };
}

/**
 * Appends an audit event inside the caller's transaction, unsealed: `hash`/`prevHash`/`chainSeq`
 * stay null until the sealer (lib/audit/seal-chain.ts) links it into the chain after commit. The
 * content hash (rules/hash.ts contentHash) is computed here and covers exactly the stored
 * before/after. Takes no lock: concurrent writers never wait on each other here. `changes` are
 * announced with it (see AuditInput).
 * Returns the created AuditEvent row.
 */
export async function writeAudit(tx: Tx, principal: Principal, rawInput: AuditInput, taken?: AuditSeq): Promise<Row> {
  // Personal fields are sealed with their person's data key first: the content hash covers the
  // stored (encrypted) bytes, and erasing the person later destroys the key, not the event (lib/privacy).
  const input = await protectPersonalFields(tx, rawInput);
  const subjects = await resolveSubjects(tx, input);
  const row = eventRow(principal, input, taken ?? (await nextSeq(tx)));
  await insertEvent(tx, row, subjects);
  if (rawInput.changes?.length) announceOnCommit(tx, rawInput.changes);
  return row;
}

/**
 * PostgreSQL, for a write that is one statement (autocommit, no interactive transaction: see
 * updatePerson): the audit event of `input`, to be stored by that statement — with its subjects
 * and outbox row — only if the write's guarded `UPDATE … RETURNING` returns a
 * row. `seq` was taken beforehand (auditSeqCte; the transaction id is the statement's own), `at`
 * is the write's time, `subjects` are complete (the target included; no lookup), `keys` are today's
 * data keys of the subjects with personal values (data-keys.ts knownDayKeys). Returns null when
 * one is missing (the caller then takes the transactional way, which creates it); otherwise
 * `statement(update, ctes?)`, the whole statement (it returns the UPDATE's rows: none when its guard
 * failed and nothing was written; `ctes` are named CTEs it may use, put before it), the event's
 * `eventId`, and `committed`, to call once it returned a row, which delivers the changes to this
 * process's listeners and publishes them to the others (events/changes.ts).
 */
export function auditInStatement(
  principal: Principal, input: AuditInput, seq: number, at: Date, subjects: SubjectRef[], keys: Map<string, { id: string; key: Buffer }>,
): { eventId: string; statement: (update: Prisma.Sql, ctes?: Prisma.Sql[]) => Prisma.Sql; committed: () => void } | null {
  const sealed = sealPersonalFields(input, keys);
  if (!sealed) return null;
  const row = eventRow(principal, sealed, { seq, txid: null }, at);
  const changes = announceInStatement(input.changes ?? []);
  const unique = subjects.map((x) => ({ ...x, instanceIds: [...new Set(x.instanceIds)] }));
  const ctes = eventCtes(row, unique, "u");
  return {
    eventId: row.id,
    statement: (update, before = []) => Prisma.sql`WITH ${Prisma.join([...before, Prisma.sql`u AS (${update})`, ...ctes], ", ")} SELECT u.* FROM u`,
    committed: changes.committed,
  };
}
