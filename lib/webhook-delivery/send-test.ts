// "Send test event": a webhook.test delivery, attempted at once, whatever the endpoint's filter.
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "../db";
import { actorOf, requireScope, type Principal } from "../auth/principal";
import { findManagedWebhook } from "../webhooks/webhook-records";
import { TEST_EVENT } from "../webhooks/rules/events";
import { attemptDelivery } from "./attempt";
import { sendTimeoutMs } from "./send";
import { deliveryView } from "./list-deliveries";

/**
 * Sends a `webhook.test` event to the endpoint now (`webhooks:write`; also when it is disabled)
 * and returns the delivery after that attempt: `succeeded`, or `pending` with its retry scheduled
 * like any other delivery. 404 when unknown or invisible.
 */
export async function sendTestEvent(p: Principal, webhookId: string) {
  requireScope(p, "webhooks:write");
  const w = await findManagedWebhook(p, webhookId);
  const id = randomUUID();
  const now = new Date();
  const payload = JSON.stringify({
    id, type: TEST_EVENT, timestamp: now.toISOString(),
    data: { targetId: w.id, subjects: [], before: null, after: null, reason: "Test event", actor: actorOf(p) },
  });
  // Until the attempt is recorded the worker leaves it alone (due only after the timeout): a
  // process that dies mid-attempt leaves it for the worker to send.
  const d = await prisma.webhookDelivery.create({
    data: { endpointId: w.id, eventId: id, type: TEST_EVENT, payload, nextAttemptAt: new Date(now.getTime() + sendTimeoutMs() + 5_000) },
  });
  await attemptDelivery({ ...d, payload }, w);
  return deliveryView(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } }), true);
}
