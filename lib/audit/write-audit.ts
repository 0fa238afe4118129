// Appends an audit event inside the caller's transaction, unsealed (the sealer chains it after commit).
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { contentHash } from "./rules/hash";
import { actorOf, type Principal } from "../auth/principal";
import { dbProvider } from "../db";
import type { AuditAction } from "./rules/actions";
import { resolveSubjects, type SubjectRef } from "./subject-scope";
import { protectPersonalFields } from "../privacy/protect-personal-fields";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue";

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
};

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/**
 * This event's seq (from the database) and, on PostgreSQL, the writing transaction's id, in one
 * statement. PostgreSQL: a sequence (no lock, no read of the chain's tail; a rolled-back
 * transaction leaves a gap in seq, which the chain does not depend on). SQLite runs one write
 * transaction at a time (lib/db/sqlite-serial-adapter.ts), so the next number is MAX + 1.
 */
async function nextSeq(tx: Tx): Promise<{ seq: number; txid: string | null }> {
  if (dbProvider === "postgresql") {
    // txid zero-padded to 20 digits: text order is numeric order (xid8 is 64-bit)
    const [r] = await tx.$queryRawUnsafe<{ seq: number; txid: string }[]>(
      `SELECT nextval('"AuditEvent_seq_counter"')::int AS seq, lpad(pg_current_xact_id()::text, 20, '0') AS txid`,
    );
    return { seq: Number(r.seq), txid: r.txid };
  }
  const [r] = await tx.$queryRawUnsafe<{ seq: number | bigint }[]>(`SELECT COALESCE(MAX("seq"), 0) + 1 AS seq FROM "AuditEvent"`);
  return { seq: Number(r.seq), txid: null };
}

/**
 * Appends an audit event inside the caller's transaction, unsealed: `hash`/`prevHash`/`chainSeq`
 * stay null until the sealer (lib/audit/seal-chain.ts) links it into the chain after commit. The
 * content hash (rules/hash.ts contentHash) is computed here and covers exactly the stored
 * before/after. Takes no lock: concurrent writers never wait on each other here.
 * Returns the created AuditEvent row.
 */
export async function writeAudit(tx: Tx, principal: Principal, rawInput: AuditInput) {
  // Personal fields are sealed with their person's data key first: the content hash covers the
  // stored (encrypted) bytes, and erasing the person later destroys the key, not the event (lib/privacy).
  const input = await protectPersonalFields(tx, rawInput);
  const subjects = await resolveSubjects(tx, input);
  const { seq, txid } = await nextSeq(tx);
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
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    requestId: principal.requestId ?? null,
    ip: principal.ip ?? null,
    userAgent: principal.userAgent ?? null,
  };
  const event = await tx.auditEvent.create({
    data: { ...fields, before: json(fields.before), after: json(fields.after), contentHash: contentHash(fields), txid },
  });
  if (subjects.length) {
    await tx.auditSubject.createMany({ data: subjects.map((s) => ({ eventId: event.id, subjectId: s.id, subjectType: s.type })) });
    const instances = subjects.flatMap((s) => s.instanceIds.map((instanceId) => ({ eventId: event.id, subjectId: s.id, instanceId })));
    if (instances.length) await tx.auditSubjectInstance.createMany({ data: instances });
  }
  await enqueueWebhookDeliveries(tx, event); // webhooks: the outbox row, committed with the event
  return event;
}
