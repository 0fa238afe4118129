// One attempt of one delivery, and what it leaves behind: the delivery's status, attempts, last
// answer and next attempt; the endpoint's failure clock.
import "server-only";
import { prisma } from "../db";
import type { Prisma, WebhookDelivery, WebhookEndpoint } from "../generated/prisma/client";
import { sendWebhook } from "./send";
import { nextAttemptAt, retryScale } from "./rules/retry";

/** The secrets that sign now: the current one, and the previous one during its 24 h overlap. */
export const signingSecrets = (w: Pick<WebhookEndpoint, "secret" | "previousSecret" | "previousExpiresAt">, now = new Date()): string[] =>
  [w.secret, ...(w.previousSecret && w.previousExpiresAt && w.previousExpiresAt > now ? [w.previousSecret] : [])];

type Delivery = Pick<WebhookDelivery, "id" | "eventId" | "payload" | "attempts" | "queuedAt">;
type Endpoint = Pick<WebhookEndpoint, "id" | "url" | "secret" | "previousSecret" | "previousExpiresAt" | "failingSince">;

/**
 * Sends `d` to `w` once and returns the outcome with the writes that record it (not yet run, so a
 * caller can commit many attempts' records at once): succeeded on a 2xx within the timeout;
 * otherwise pending with the next attempt per the retry schedule, or failed when the retries have
 * run out (24 h after it was queued). The endpoint's `failingSince` starts at its first failure and
 * is cleared by a success (written only when it changes).
 */
export async function tryDelivery(d: Delivery, w: Endpoint): Promise<{ ok: boolean; writes: Prisma.PrismaPromise<unknown>[] }> {
  const startedAt = new Date();
  const r = await sendWebhook({ url: w.url, msgId: d.eventId, payload: d.payload, secrets: signingSecrets(w, startedAt) });
  const attempts = d.attempts + 1;
  const next = r.ok ? null : nextAttemptAt(d.queuedAt, attempts, new Date(), retryScale());
  const writes: Prisma.PrismaPromise<unknown>[] = [prisma.webhookDelivery.updateMany({
    where: { id: d.id },
    data: {
      attempts,
      lastAttemptAt: startedAt,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      durationMs: r.durationMs,
      responseBody: r.responseBody,
      status: r.ok ? "succeeded" : next ? "pending" : "failed",
      nextAttemptAt: next,
    },
  })];
  if (r.ok && w.failingSince) writes.push(prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: { not: null } }, data: { failingSince: null } }));
  else if (!r.ok && !w.failingSince) writes.push(prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: null }, data: { failingSince: startedAt } }));
  return { ok: r.ok, writes };
}

/** tryDelivery, its record committed at once. Returns true when the attempt succeeded. */
export async function attemptDelivery(d: Delivery, w: Endpoint): Promise<boolean> {
  const { ok, writes } = await tryDelivery(d, w);
  await prisma.$transaction(writes);
  return ok;
}
