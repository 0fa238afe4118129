// One attempt of one delivery, and what it leaves behind: the delivery's status, attempts, last
// answer and next attempt; the endpoint's failure clock.
import "server-only";
import { prisma } from "../db";
import type { WebhookDelivery, WebhookEndpoint } from "../generated/prisma/client";
import { sendWebhook } from "./send";
import { nextAttemptAt, retryScale } from "./rules/retry";

/** The secrets that sign now: the current one, and the previous one during its 24 h overlap. */
export const signingSecrets = (w: Pick<WebhookEndpoint, "secret" | "previousSecret" | "previousExpiresAt">, now = new Date()): string[] =>
  [w.secret, ...(w.previousSecret && w.previousExpiresAt && w.previousExpiresAt > now ? [w.previousSecret] : [])];

/**
 * Sends `d` to `w` once and records the outcome: succeeded on a 2xx within the timeout; otherwise
 * pending with the next attempt per the retry schedule, or failed when the retries have run out
 * (24 h after it was queued). The endpoint's `failingSince` starts at its first failure and is
 * cleared by a success. Returns true when the attempt succeeded.
 */
export async function attemptDelivery(
  d: Pick<WebhookDelivery, "id" | "eventId" | "payload" | "attempts" | "queuedAt">,
  w: Pick<WebhookEndpoint, "id" | "url" | "secret" | "previousSecret" | "previousExpiresAt" | "failingSince">,
): Promise<boolean> {
  const startedAt = new Date();
  const r = await sendWebhook({ url: w.url, msgId: d.eventId, payload: d.payload, secrets: signingSecrets(w, startedAt) });
  const attempts = d.attempts + 1;
  const next = r.ok ? null : nextAttemptAt(d.queuedAt, attempts, new Date(), retryScale());
  await prisma.webhookDelivery.updateMany({
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
  });
  // The endpoint's failure clock, written only when it changes (as read with the delivery).
  if (r.ok && w.failingSince) await prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: { not: null } }, data: { failingSince: null } });
  else if (!r.ok && !w.failingSince) await prisma.webhookEndpoint.updateMany({ where: { id: w.id, failingSince: null }, data: { failingSince: startedAt } });
  return r.ok;
}
