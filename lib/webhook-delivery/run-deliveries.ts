// The sending half of the worker: every due pending delivery is attempted, in order per person.
// Deliveries of one endpoint sharing an order key (the event's person) go one at a time, oldest
// first: while an earlier one is waiting for its retry, later ones wait too, so a receiver sees a
// person's events in the order they happened. Where it can't: once a delivery has failed for
// good (24 h) the later ones go on without it, a redelivery arrives out of order, and events
// without a person have no order between them.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { tryDelivery } from "./attempt";

/** Deliveries considered per endpoint and tick, and groups sent at the same time. */
const SCAN = 200;
const RECORD_BATCH = 200;
const PARALLEL = 4; // well under the connection pool (OMNI_DB_POOL_SIZE, 10): the write path keeps its connections

const include = { endpoint: { select: { id: true, url: true, secret: true, previousSecret: true, previousExpiresAt: true, failingSince: true } } } as const;
const order = [{ createdAt: "asc" as const }, { seq: "asc" as const }, { id: "asc" as const }];

/**
 * Attempts every due delivery (see above); returns how many attempts were made. Each endpoint is
 * scanned on its own, so a backlog of one never hides another's deliveries; healthy endpoints go
 * first, and an endpoint that is failing (`failingSince`) gets one probe per tick — its oldest due
 * delivery — so a dead receiver (each attempt waiting out the timeout) cannot starve the others.
 */
export async function runDueDeliveries(now = new Date()): Promise<number> {
  const endpoints = await prisma.webhookEndpoint.findMany({
    where: { disabled: false, deliveries: { some: { status: "pending", nextAttemptAt: { lte: now } } } },
    select: { id: true, failingSince: true },
  });
  const healthyFirst = [...endpoints].sort((a, b) => Number(a.failingSince !== null) - Number(b.failingSince !== null));
  const scanned = await Promise.all(healthyFirst.map((e) => prisma.webhookDelivery.findMany({
    where: { endpointId: e.id, status: "pending" }, orderBy: order, take: e.failingSince ? 1 : SCAN, include,
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
  const queue = [...groups.values()];
  // The attempts' records are committed together at the end (one transaction per RECORD_BATCH),
  // not one commit per delivery: the write path shares the database. A crash before that commit
  // sends those deliveries again (at least once).
  const writes: Prisma.PrismaPromise<unknown>[] = [];
  const lane = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      for (const d of g) {
        attempts++;
        const r = await tryDelivery(d, d.endpoint);
        writes.push(...r.writes);
        if (!r.ok) break; // keep the order: the rest wait for its retry
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, lane));
  for (let i = 0; i < writes.length; i += RECORD_BATCH) await prisma.$transaction(writes.slice(i, i + RECORD_BATCH));
  return attempts;
}
