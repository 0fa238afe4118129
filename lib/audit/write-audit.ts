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
import { protectPersonalFields } from "../privacy/protect-personal-fields";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue";
import { announceOnCommit, type ChangeEvent } from "../events/changes";

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
   * What the change makes stale, for the caches of every process (events/changes.ts): announced
   * with the event — on PostgreSQL by a pg_notify in the statement that stores it, so it is
   * delivered exactly when the change commits, at no round trip of its own. Needs a transaction
   * of auditedTransaction.
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
    ? Prisma.sql`WITH "auditSeq" AS (SELECT nextval('"AuditEvent_seq_counter"')::int AS "auditSeq", lpad(pg_current_xact_id()::text, 20, '0') AS "auditTxid")`
    : Prisma.sql`WITH "auditSeq" AS (SELECT COALESCE(MAX("seq"), 0) + 1 AS "auditSeq", NULL AS "auditTxid" FROM "AuditEvent")`;
}

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
 * — on PostgreSQL in one statement (data-modifying CTEs; foreign keys are checked at its end)
 * that also sends `notify` (pg_notify, delivered on commit),
 * on SQLite (which has none) in one statement per table.
 */
async function insertEvent(tx: Tx, row: Row, subjects: SubjectRef[], notify: { channel: string; payload: string } | null) {
  const instances = subjects.flatMap((s) => s.instanceIds.map((instanceId) => [s.id, instanceId] as const));
  if (dbProvider !== "postgresql") {
    await tx.auditEvent.create({ data: { ...row, before: json(row.before) ?? Prisma.DbNull, after: json(row.after) ?? Prisma.DbNull } });
    if (subjects.length) await tx.auditSubject.createMany({ data: subjects.map((s) => ({ eventId: row.id, subjectId: s.id, subjectType: s.type })) });
    if (instances.length) await tx.auditSubjectInstance.createMany({ data: instances.map(([subjectId, instanceId]) => ({ eventId: row.id, subjectId, instanceId })) });
    await enqueueWebhookDeliveries(tx, row);
    return;
  }
  const j = (v: Prisma.JsonValue) => (v === null ? null : JSON.stringify(v));
  const values = <T,>(xs: readonly T[], f: (x: T) => Prisma.Sql) => Prisma.join(xs.map(f));
  const parts = [Prisma.sql`e AS (INSERT INTO "AuditEvent" ("id", "seq", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "reason", "before", "after", "requestId", "ip", "userAgent", "contentHash", "txid")
    VALUES (${row.id}, ${row.seq}, ${row.at}, ${row.actorType}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.targetType}, ${row.targetId}, ${row.reason},
      ${j(row.before)}::jsonb, ${j(row.after)}::jsonb, ${row.requestId}, ${row.ip}, ${row.userAgent}, ${row.contentHash}, ${row.txid}) RETURNING "id")`];
  if (subjects.length) parts.push(Prisma.sql`s AS (INSERT INTO "AuditSubject" ("eventId", "subjectId", "subjectType") VALUES ${values(subjects, (x) => Prisma.sql`(${row.id}, ${x.id}, ${x.type})`)})`);
  if (instances.length) parts.push(Prisma.sql`si AS (INSERT INTO "AuditSubjectInstance" ("eventId", "subjectId", "instanceId") VALUES ${values(instances, ([sid, iid]) => Prisma.sql`(${row.id}, ${sid}, ${iid})`)})`);
  parts.push(Prisma.sql`o AS (INSERT INTO "WebhookOutbox" ("eventId") VALUES (${row.id}))`);
  // a plain CTE runs only when referenced: the final SELECT joins it
  if (notify) parts.push(Prisma.sql`n AS (SELECT pg_notify(${notify.channel}, ${notify.payload}))`);
  await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(parts, ", ")} SELECT 1 FROM e${notify ? Prisma.sql` CROSS JOIN n` : Prisma.empty}`);
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
  const { seq, txid } = taken ?? (await nextSeq(tx));
  const actor = actorOf(principal);
  const fields = {
    seq,
    at: new Date(),
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
  const row: Row = { id: randomUUID(), ...fields, contentHash: contentHash(fields), txid, prevHash: null, hash: null, chainSeq: null };
  await insertEvent(tx, row, subjects, rawInput.changes?.length ? announceOnCommit(tx, rawInput.changes) : null);
  return row;
}
