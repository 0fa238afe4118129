// One attempt of one delivery, and what it leaves behind: the delivery's status, attempts, last
// answer and next attempt; the endpoint's failure clock. Many attempts' records are written
// together (recordAttempts): on PostgreSQL in one statement, so the worker does not make one
// round trip per delivery on the connections the write path needs.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { dbProvider, prisma } from "../db";
import type { WebhookDelivery, WebhookEndpoint } from "../generated/prisma/client";
import { sendWebhook } from "./send";
import { nextAttemptAt, retryScale } from "./rules/retry";

/** The secrets that sign now: the current one, and the previous one during its 24 h overlap. */
export const signingSecrets = (w: Pick<WebhookEndpoint, "secret" | "previousSecret" | "previousExpiresAt">, now = new Date()): string[] =>
  [w.secret, ...(w.previousSecret && w.previousExpiresAt && w.previousExpiresAt > now ? [w.previousSecret] : [])];

/** A delivery with its request body; `built`: the body was built for this attempt (payloads.ts: the fan-out queued the row without one) and is to be kept. */
type Delivery = Pick<WebhookDelivery, "id" | "eventId" | "attempts" | "queuedAt"> & { payload: string; built?: boolean };
type Endpoint = Pick<WebhookEndpoint, "id" | "url" | "secret" | "previousSecret" | "previousExpiresAt" | "failingSince">;

/** What one attempt leaves on its delivery row (`payload`: a body built for it, kept where the row has none yet; null: the row's own). */
export type AttemptRecord = Pick<WebhookDelivery, "id" | "attempts" | "lastStatusCode" | "lastError" | "durationMs" | "responseBody" | "status" | "nextAttemptAt" | "payload"> & { lastAttemptAt: Date };

/** An attempt's outcome: its delivery's record, and the endpoint's failure-clock writes (not yet run). */
export type Attempt = { ok: boolean; record: AttemptRecord; endpointWrites: Prisma.PrismaPromise<unknown>[] };

/**
 * Sends `d` to `w` once and returns the outcome with what records it (not yet written, so a caller
 * can write many attempts' records at once, see recordAttempts): succeeded on a 2xx within the
 * timeout; otherwise pending with the next attempt per the retry schedule, or failed when the
 * retries have run out (24 h after it was queued). The endpoint's `failingSince` starts at its
 * first failure and is cleared by a success (written only when it changes).
 */
export async function tryDelivery(d: Delivery, w: Endpoint): Promise<Attempt> {
  const startedAt = new Date();
  const r = await sendWebhook({ url: w.url, msgId: d.eventId, payload: d.payload, secrets: signingSecrets(w, startedAt) });
  const attempts = d.attempts + 1;
  const next = r.ok ? null : nextAttemptAt(d.queuedAt, attempts, new Date(), retryScale());
  const record: AttemptRecord = {
    id: d.id, payload: d.built ? d.payload : null, attempts, lastAttemptAt: startedAt, lastStatusCode: r.statusCode, lastError: r.error, durationMs: r.durationMs,
    responseBody: r.responseBody, status: r.ok ? "succeeded" : next ? "pending" : "failed", nextAttemptAt: next,
  };
  const endpointWrites: Prisma.PrismaPromise<unknown>[] = [];
  if (r.ok && w.failingSince) endpointWrites.push(prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: { not: null } }, data: { failingSince: null } }));
  else if (!r.ok && !w.failingSince) endpointWrites.push(prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: null }, data: { failingSince: startedAt } }));
  return { ok: r.ok, record, endpointWrites };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The statements that write `records` (each sets its delivery's row): on PostgreSQL one UPDATE …
 * FROM unnest(…) for all of them, on SQLite one updateMany each. Run them in one transaction. A
 * row's body is written only where it has none (the first attempt of a fanned-out delivery): one
 * already there — or the `{"erased":true}` an erasure put there meanwhile — stays.
 */
function recordStatements(records: AttemptRecord[]): Prisma.PrismaPromise<unknown>[] {
  if (!records.length) return [];
  if (dbProvider !== "postgresql") {
    return records.flatMap(({ id, payload, ...data }) => [
      prisma.webhookDelivery.updateMany({ where: { id }, data }),
      ...(payload === null ? [] : [prisma.webhookDelivery.updateMany({ where: { id, payload: null }, data: { payload } })]),
    ]);
  }
  const col = <T>(f: (r: AttemptRecord) => T) => records.map(f);
  // timestamp(3) columns hold UTC: an ISO string cast to timestamp keeps its UTC wall time
  return [prisma.$executeRaw`
    UPDATE "WebhookDelivery" AS d SET
      "payload" = COALESCE(d."payload", v.payload), "attempts" = v.attempts, "lastAttemptAt" = v.last_at::timestamp(3), "lastStatusCode" = v.code, "lastError" = v.err,
      "durationMs" = v.ms, "responseBody" = v.body, "status" = v.status, "nextAttemptAt" = v.next_at::timestamp(3),
      "updatedAt" = ${new Date().toISOString()}::timestamp(3)
    FROM unnest(${col((r) => r.id)}::text[], ${col((r) => r.payload)}::text[], ${col((r) => r.attempts)}::int[], ${col((r) => iso(r.lastAttemptAt))}::text[],
      ${col((r) => r.lastStatusCode)}::int[], ${col((r) => r.lastError)}::text[], ${col((r) => r.durationMs)}::int[],
      ${col((r) => r.responseBody)}::text[], ${col((r) => r.status)}::text[], ${col((r) => iso(r.nextAttemptAt))}::text[])
      AS v(id, payload, attempts, last_at, code, err, ms, body, status, next_at)
    WHERE d."id" = v.id`];
}

/** Records up to 200 attempts per transaction (see recordStatements), with their endpoints' writes. */
export async function recordAttempts(attempts: Attempt[]): Promise<void> {
  for (let i = 0; i < attempts.length; i += 200) {
    const chunk = attempts.slice(i, i + 200);
    await prisma.$transaction([...recordStatements(chunk.map((a) => a.record)), ...chunk.flatMap((a) => a.endpointWrites)]);
  }
}

/** tryDelivery, its record committed at once. Returns true when the attempt succeeded. */
export async function attemptDelivery(d: Delivery, w: Endpoint): Promise<boolean> {
  const a = await tryDelivery(d, w);
  await recordAttempts([a]);
  return a.ok;
}
