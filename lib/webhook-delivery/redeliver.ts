// Queue a delivery again (after a fix on the receiver's side, or to replay a success).
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { notFound } from "../errors";
import { findManagedWebhook } from "../webhooks/webhook-records";
import { deliveryView } from "./list-deliveries";

/**
 * Puts the delivery back in the queue (`webhooks:write`): pending, due now, with a fresh 24 h of
 * retries (attempts count on). The worker sends the same body with the same `webhook-id`, newly
 * signed. 404 when the endpoint or delivery is unknown or invisible.
 */
export async function redeliver(p: Principal, webhookId: string, deliveryId: string) {
  requireScope(p, "webhooks:write");
  await findManagedWebhook(p, webhookId);
  const now = new Date();
  const { count } = await prisma.webhookDelivery.updateMany({
    where: { id: deliveryId, endpointId: webhookId },
    data: { status: "pending", nextAttemptAt: now, queuedAt: now },
  });
  if (!count) throw notFound("Delivery");
  return deliveryView((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })), true);
}
