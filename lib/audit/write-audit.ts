// Appends an audit event inside the caller's transaction, chained to the previous event.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { auditHash } from "./rules/hash";
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

/** Any constant: the transaction-scoped PostgreSQL lock that serialises appends to the chain. */
const AUDIT_CHAIN_LOCK = 74_280_001;

/**
 * Serialises this transaction with every other audited write from here to its commit (PostgreSQL;
 * SQLite already runs one write transaction at a time). writeAudit takes it for the chain's tail;
 * merges, links, unlinks and reverts take it first, so what they read cannot change under them
 * (two racing merges over the same person would otherwise move identities to a deleted person).
 * Re-entrant within a transaction.
 */
export async function lockAuditedWrites(tx: Tx): Promise<void> {
  if (dbProvider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

export async function writeAudit(tx: Tx, principal: Principal, rawInput: AuditInput) {
  // Personal fields are sealed with their person's data key first: the hash covers the stored
  // (sealed) bytes, and erasing the person later destroys the key, not the event (lib/privacy).
  const input = await protectPersonalFields(tx, rawInput);
  // Read before the chain lock, so appends wait on each other no longer than they must.
  const subjects = await resolveSubjects(tx, input);
  // Two concurrent transactions must not both chain to the same previous event.
  await lockAuditedWrites(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const actor = actorOf(principal);
  const at = new Date();
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at,
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
    prevHash: last?.hash ?? null,
  };
  const hash = auditHash(fields);
  const event = await tx.auditEvent.create({
    data: {
      ...fields,
      before: json(fields.before),
      after: json(fields.after),
      hash,
      subjects: {
        create: subjects.map((s) => ({
          subjectId: s.id,
          subjectType: s.type,
          instances: { create: s.instanceIds.map((instanceId) => ({ instanceId })) },
        })),
      },
    },
  });
  await enqueueWebhookDeliveries(tx, event); // webhooks: the outbox row, committed with the event
  return event;
}
