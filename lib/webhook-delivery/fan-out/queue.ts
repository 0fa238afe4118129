// Outbox → deliveries: each queued audit event becomes one delivery per endpoint that subscribes
// to its type and may see it (an endpoint with instances receives an event when any of its
// subjects is on one of them — the rule instance-restricted keys follow for the audit log).
import "server-only";
import { randomUUID } from "node:crypto";
import { dbProvider, prisma, type Db } from "../../db";
import type { Prisma, WebhookEndpoint } from "../../generated/prisma/client";
import type { Principal } from "../../auth/principal";
import { canSeeAuditEvent } from "../../auth/instance-policy";
import { endpointWants } from "../../webhooks/rules/events";
import { webhookInstances } from "../../webhooks/webhook-records";
import { orderKeyOf } from "../rules/payload";

/** Outbox rows taken per batch. */
export const FAN_OUT_BATCH = 500;

/**
 * Turns up to FAN_OUT_BATCH outbox rows (oldest first) into deliveries and deletes them, in one
 * transaction: a crash leaves the rows to be fanned out again, never half. Endpoints created after
 * an event was queued, and disabled endpoints, do not get it; with no enabled endpoint the rows
 * are only deleted (their events are not read); an endpoint a row was already fanned out to ahead
 * of the queue (its `fannedTo`, ahead.ts) does not get it again. Returns the number of rows
 * taken.
 *
 * Fan-out only queues. It reads the subjects (who may see it, whose order it keeps) of the events
 * some endpoint subscribes to — told by the row's type, so the others are not read — and never
 * their snapshots; the deliveries it inserts have no body yet (the first attempt builds it,
 * payloads.ts, for the few deliveries a tick sends). So the fan-out keeps up with a burst of writes
 * better than the sending can. Where it cannot keep up either, endpoints that want few of the rows
 * read ahead of it (ahead.ts).
 */
export async function fanOutOutbox(batch = FAN_OUT_BATCH): Promise<number> {
  if (dbProvider === "postgresql" && !state.endpointsSeen) {
    const dropped = await dropWithoutEndpoints(batch);
    if (dropped !== null) return dropped;
    state.endpointsSeen = true; // until a tick finds none again, the rows are read as below, with no try first
  }
  const rows = await prisma.webhookOutbox.findMany({ orderBy: { seq: "asc" }, take: batch });
  if (!rows.length) return 0;
  // read after the rows, so an endpoint committed before they were read is among them
  const endpoints = await enabledEndpoints();
  state.endpointsSeen = endpoints.length > 0;
  if (!endpoints.length) {
    // nobody to deliver to (the usual case where webhooks are not used): the rows go, unread
    await prisma.webhookOutbox.deleteMany({ where: { seq: { in: rows.map((r) => r.seq) } } });
    return rows.length;
  }
  // per row, the endpoints that may want it (by its type; a row without one: every endpoint not
  // already given it) — only their events are read
  const wanters = rows.map((r) => {
    const already = fannedTo(r);
    return endpoints.filter((w) => !already.includes(w.id) && (r.action === null || endpointWants(subscriber(w), r.action, r.createdAt)));
  });
  const byId = await queuedEvents(rows.filter((_, i) => wanters[i].length).map((r) => r.eventId));
  const data: DeliveryRow[] = [];
  rows.forEach((r, i) => {
    const e = byId.get(r.eventId);
    if (e) for (const w of wanters[i]) data.push(...deliveryOf(w, e, r));
  });
  await prisma.$transaction(async (tx) => {
    await insertDeliveries(tx, data);
    await tx.webhookOutbox.deleteMany({ where: { seq: { in: rows.map((r) => r.seq) } } });
  });
  return rows.length;
}

/**
 * Whether this thread's last fan-out found an enabled endpoint: while it did, fanOutOutbox does not
 * try dropWithoutEndpoints first (it would cost a statement a tick that finds endpoints); a tick
 * that reads the rows and finds no endpoint turns it back.
 */
const state = { endpointsSeen: false };

/**
 * PostgreSQL, the usual case where webhooks are not used: with no enabled endpoint, deletes up to
 * `batch` rows from the head of the outbox in one statement (no row is read into the process: the
 * worker's share of the write path's CPU, ~0.3 ms a write in a profile of `PATCH /persons/:id`, was
 * mostly reading and deleting rows nobody wanted) and returns how many; null when an endpoint is
 * enabled (the rows must be fanned out). The endpoints and the rows are read in the statement's one
 * snapshot: an endpoint committed before it sees every row deleted after it, as in fanOutOutbox.
 */
async function dropWithoutEndpoints(batch: number): Promise<number | null> {
  const [r] = await prisma.$queryRaw<{ endpoints: boolean; deleted: number }[]>`
    WITH ep AS (SELECT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE NOT "disabled") AS "any"),
    d AS (DELETE FROM "WebhookOutbox" WHERE NOT (SELECT "any" FROM ep)
            AND "seq" IN (SELECT "seq" FROM "WebhookOutbox" ORDER BY "seq" LIMIT ${Math.trunc(batch)}) RETURNING 1)
    SELECT (SELECT "any" FROM ep) AS "endpoints", (SELECT count(*) FROM d)::int AS "deleted"`;
  return r.endpoints ? null : r.deleted;
}

/** The endpoints an outbox row was already fanned out to (ahead of the queue: ahead.ts). */
export const fannedTo = (r: { fannedTo: unknown }): string[] => (Array.isArray(r.fannedTo) ? (r.fannedTo as string[]) : []);

/** An enabled endpoint as the fan-out reads it. */
export type FanOutEndpoint = { id: string; events: unknown; instanceIds: unknown; createdAt: Date; aheadSeq: number };

/** The enabled endpoints. */
export const enabledEndpoints = (): Promise<FanOutEndpoint[]> =>
  prisma.webhookEndpoint.findMany({ where: { disabled: false }, select: { id: true, events: true, instanceIds: true, createdAt: true, aheadSeq: true } });

/** What the fan-out reads of a queued event: its type and subjects (never its snapshots). */
type QueuedEvent = { id: string; action: string; targetId: string | null; subjects: { subjectId: string; subjectType: string; instances: { instanceId: string }[] }[] };

/** The events `ids` (type, target, subjects and their instances), by id. */
export async function queuedEvents(ids: string[]): Promise<Map<string, QueuedEvent>> {
  if (!ids.length) return new Map();
  const events = await prisma.auditEvent.findMany({
    where: { id: { in: ids } },
    select: { id: true, action: true, targetId: true, subjects: { select: { subjectId: true, subjectType: true, instances: { select: { instanceId: true } } } } },
  });
  return new Map(events.map((e) => [e.id, e]));
}

/**
 * The delivery of event `e` (outbox row `r`) to endpoint `w`, or none: an endpoint gets an event
 * queued after it was created, of a type it subscribes to, about a subject on one of its instances
 * (or any, without instances). Queued without a body (payloads.ts builds it when it is sent).
 */
export function deliveryOf(w: FanOutEndpoint, e: QueuedEvent, r: { seq: number; createdAt: Date }): DeliveryRow[] {
  if (!endpointWants(subscriber(w), e.action, r.createdAt)) return [];
  const scopes = e.subjects.map((s) => ({ subjectType: s.subjectType, instanceIds: s.instances.map((i) => i.instanceId) }));
  if (!canSeeAuditEvent({ instanceIds: webhookInstances(w as Pick<WebhookEndpoint, "instanceIds">) } as Principal, scopes)) return [];
  return [{ endpointId: w.id, eventId: e.id, type: e.action, orderKey: orderKeyOf(e), seq: r.seq }];
}

/** An endpoint's patterns and creation time, as the subscription rules read them. */
export const subscriber = (w: FanOutEndpoint) => ({ id: w.id, events: w.events as string[], createdAt: w.createdAt });

/** A delivery to queue: due at once, from the moment it is inserted. */
export type DeliveryRow = { endpointId: string; eventId: string; type: string; orderKey: string | null; seq: number };

/**
 * Inserts new pending deliveries. On PostgreSQL one INSERT … SELECT FROM unnest(…) (a batch is up to
 * FAN_OUT_BATCH events × the endpoints: Prisma's createMany, binding every value as its own
 * parameter, spent ~0.17 ms a row in the client, most of the worker's share of the write path's
 * CPU); on SQLite one INSERT … SELECT FROM json_each(…).
 */
export async function insertDeliveries(tx: Db | Prisma.TransactionClient, rows: DeliveryRow[]): Promise<void> {
  if (!rows.length) return;
  if (dbProvider !== "postgresql") {
    // one statement reading the rows from one JSON parameter (createMany binds every value: ~0.17 ms
    // a row, and on SQLite the write path waits for the one connection meanwhile); the dates are one
    // bound Date, stored as the adapter stores every date
    const now = new Date();
    await tx.$executeRaw`
      INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "type", "orderKey", "seq", "nextAttemptAt", "queuedAt", "createdAt", "updatedAt")
      SELECT json_extract(v.value, '$[0]'), json_extract(v.value, '$[1]'), json_extract(v.value, '$[2]'), json_extract(v.value, '$[3]'),
             json_extract(v.value, '$[4]'), json_extract(v.value, '$[5]'), ${now}, ${now}, ${now}, ${now}
        FROM json_each(${JSON.stringify(rows.map((r) => [randomUUID(), r.endpointId, r.eventId, r.type, r.orderKey, r.seq]))}) AS v`;
    return;
  }
  const col = <T>(f: (r: DeliveryRow) => T) => rows.map(f);
  // timestamp(3) columns hold UTC: an ISO string cast to timestamp keeps its UTC wall time
  const now = new Date().toISOString();
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "type", "orderKey", "seq", "nextAttemptAt", "queuedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, v.endpoint_id, v.event_id, v.type, v.order_key, v.seq,
           ${now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3)
      FROM unnest(${col((r) => r.endpointId)}::text[], ${col((r) => r.eventId)}::text[], ${col((r) => r.type)}::text[],
                  ${col((r) => r.orderKey)}::text[], ${col((r) => r.seq)}::int[])
        AS v(endpoint_id, event_id, type, order_key, seq)`;
}
