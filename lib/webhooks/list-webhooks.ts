// Read webhook endpoints: the list and one endpoint.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";
import type { WebhookListQuery } from "./schemas";
import { findManagedWebhook, managedWebhooksWhere, webhookView } from "./webhook-records";

const ORDER = newestFirst("webhooks");

/** A page of endpoints, newest first (`webhooks:read`); a restricted key sees its instances' only. */
export async function listWebhooks(p: Principal, q: WebhookListQuery) {
  requireScope(p, "webhooks:read");
  const rows = await prisma.webhookEndpoint.findMany(keysetArgs(ORDER, q, await managedWebhooksWhere(p)));
  const page = keysetPage(ORDER, rows, q.limit);
  return { items: page.items.map(webhookView), nextCursor: page.nextCursor };
}

/** One endpoint (`webhooks:read`); 404 when unknown or beyond a restricted key. */
export async function getWebhook(p: Principal, id: string) {
  requireScope(p, "webhooks:read");
  return webhookView(await findManagedWebhook(p, id));
}
