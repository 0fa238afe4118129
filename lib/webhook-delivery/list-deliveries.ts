// An endpoint's deliveries, newest first, with what each attempt got back.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";
import { notFound } from "../errors";
import type { WebhookDelivery } from "../generated/prisma/client";
import type { DeliveryListQuery } from "../webhooks/schemas";
import { findManagedWebhook } from "../webhooks/webhook-records";

const ORDER = newestFirst("webhook-deliveries");

/** The public shape of a delivery; `requestBody` / `responseBody` only with `bodies`. */
export function deliveryView(d: WebhookDelivery, bodies = false) {
  return {
    id: d.id,
    webhookId: d.endpointId,
    eventId: d.eventId,
    type: d.type,
    status: d.status as "pending" | "succeeded" | "failed",
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
    durationMs: d.durationMs,
    createdAt: d.createdAt,
    ...(bodies ? { requestBody: d.payload, responseBody: d.responseBody } : {}),
  };
}

/**
 * A page of the endpoint's deliveries, newest first (`webhooks:read`; `?status=` filters), each
 * with its request and response bodies. 404 when the endpoint is unknown or invisible.
 */
export async function listDeliveries(p: Principal, webhookId: string, q: DeliveryListQuery) {
  requireScope(p, "webhooks:read");
  await findManagedWebhook(p, webhookId);
  const rows = await prisma.webhookDelivery.findMany(keysetArgs(ORDER, q, { endpointId: webhookId, ...(q.status ? { status: q.status } : {}) }));
  const page = keysetPage(ORDER, rows, q.limit);
  return { items: page.items.map((d) => deliveryView(d, true)), nextCursor: page.nextCursor };
}

/** One delivery of the endpoint (`webhooks:read`); 404 when either is unknown or invisible. */
export async function getDelivery(p: Principal, webhookId: string, deliveryId: string) {
  requireScope(p, "webhooks:read");
  await findManagedWebhook(p, webhookId);
  const d = await prisma.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: webhookId } });
  if (!d) throw notFound("Delivery");
  return deliveryView(d, true);
}
