// The sending half of the worker: every due pending delivery is attempted, in order per person.
// Deliveries of one endpoint sharing an order key (the event's person) go one at a time, oldest
// first: while an earlier one is waiting for its retry, later ones wait too, so a receiver sees a
// person's events in the order they happened. Where it can't: once a delivery has failed for
// good (24 h) the later ones go on without it, a redelivery arrives out of order, and events
// without a person have no order between them.
import "server-only";
import { prisma } from "../db";
import { recordAttempts, tryDelivery, type Attempt } from "./attempt";
import { eventPayloads } from "./payloads";

/** Deliveries considered per endpoint and tick, and groups sent at the same time. */
const SCAN = 200;
const PARALLEL = 4; // well under the connection pool (OMNI_DB_POOL_SIZE, 10): the write path keeps its connections

const include = { endpoint: { select: { id: true, url: true, secret: true, previousSecret: true, previousExpiresAt: true, failingSince: true } } } as const;
const order = [{ createdAt: "asc" as const }, { seq: "asc" as const }, { id: "asc" as const }];

/**
 * Attempts every due delivery (see above), at most `limit` of them (the background worker's budget
 * per tick; the rest wait, in order, for the next tick); returns how many attempts were made. Each
 * endpoint is scanned on its own, so a backlog of one never hides another's deliveries; healthy
 * endpoints go first, and an endpoint that is failing (`failingSince`) gets one probe per tick —
 * its oldest due delivery — so a dead receiver (each attempt waiting out the timeout) cannot starve
 * the others. All the attempts' records are written at the end, in one transaction per 200.
 */
export async function runDueDeliveries(now = new Date(), limit = Infinity): Promise<number> {
  const endpoints = await prisma.webhookEndpoint.findMany({
    where: { disabled: false, deliveries: { some: { status: "pending", nextAttemptAt: { lte: now } } } },
    select: { id: true, failingSince: true },
  });
  const healthyFirst = [...endpoints].sort((a, b) => Number(a.failingSince !== null) - Number(b.failingSince !== null));
  const scanned = await Promise.all(healthyFirst.map((e) => prisma.webhookDelivery.findMany({
    where: { endpointId: e.id, status: "pending" }, orderBy: order, take: e.failingSince ? 1 : Math.min(SCAN, limit), include,
  })));
  const rows = scanned.flat();
  const groups = new Map<string, typeof rows>();
  const blocked = new Set<string>();
  for (const d of rows) {
    const key = d.orderKey ? `${d.endpointId}|${d.orderKey}` : `${d.endpointId}|#${d.id}`;
    if (blocked.has(key)) continue;
    const due = d.nextAttemptAt !== null && d.nextAttemptAt <= now;
    if (!due) {
      blocked.add(key); // an earlier delivery of this person is waiting: the later ones wait behind it
      continue;
    }
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(d);
  }
  let attempts = 0;
  // Round robin between endpoints (healthy first), so a budget is shared rather than spent on one backlog.
  const byEndpoint = new Map<string, (typeof rows)[]>();
  for (const g of groups.values()) (byEndpoint.get(g[0].endpointId) ?? byEndpoint.set(g[0].endpointId, []).get(g[0].endpointId)!).push(g);
  const lists = [...byEndpoint.values()];
  const queue: (typeof rows)[] = [];
  for (let i = 0; queue.length < groups.size; i++) for (const l of lists) if (i < l.length) queue.push(l[i]);
  // The budget, shared out before sending: one delivery of each group in turn (groups in the order
  // above), until `limit`. A group's share is sent oldest first; what is over it waits, in order.
  const planned: (typeof rows)[number][] = [];
  for (let i = 0, more = true; more && planned.length < limit; i++) {
    more = false;
    for (const g of queue) {
      if (i >= g.length) continue;
      more = true;
      if (planned.length < limit) planned.push(g[i]);
    }
  }
  const share = new Set(planned.map((d) => d.id));
  // Their bodies, where the fan-out queued them without one (payloads.ts): one read of their events.
  const bodies = await eventPayloads(planned.filter((d) => d.payload === null).map((d) => d.eventId));
  // The attempts' records are committed together at the end (recordAttempts: one transaction per
  // 200, on PostgreSQL one statement), not one commit per delivery: the write path shares the
  // database. A crash before that commit sends those deliveries again (at least once).
  const done: Attempt[] = [];
  const lane = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      for (const d of g) {
        if (!share.has(d.id)) break; // over this group's share: the rest wait, in order
        const payload = d.payload ?? bodies.get(d.eventId);
        if (payload === undefined) {
          // its audit event is gone (nothing deletes one: only tampering); nothing to send, for good
          done.push(eventGone(d));
          continue;
        }
        attempts++;
        const r = await tryDelivery({ ...d, payload, built: d.payload === null }, d.endpoint);
        done.push(r);
        if (!r.ok) break; // keep the order: the rest wait for its retry
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, lane));
  await recordAttempts(done);
  return attempts;
}

/** The record of a delivery whose audit event no longer exists: failed, not attempted. */
function eventGone(d: { id: string; attempts: number }): Attempt {
  return {
    ok: false, endpointWrites: [],
    record: { id: d.id, payload: null, attempts: d.attempts, lastAttemptAt: new Date(), lastStatusCode: null, lastError: "Its audit event no longer exists.", durationMs: null, responseBody: null, status: "failed", nextAttemptAt: null },
  };
}
