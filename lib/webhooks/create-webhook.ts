// Subscribe a URL to events: the endpoint and its signing secret (returned once).
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import type { WebhookCreate } from "./schemas";
import { generateWebhookSecret, grantedInstances, webhookAuditView, webhookSubject, webhookView } from "./webhook-records";

/**
 * Creates an endpoint (`webhooks:write`), audited `webhook.create`. Returns its view plus `secret`
 * (`whsec_…`, shown once). Without `instanceIds` a restricted key's endpoint gets the key's
 * instances; instances outside its restriction are 403. The URL was checked by the schema (400).
 */
export async function createWebhook(p: Principal, input: WebhookCreate) {
  requireScope(p, "webhooks:write");
  const instanceIds = grantedInstances(p, input.instanceIds);
  const secret = generateWebhookSecret();
  const row = await prisma.$transaction(async (tx) => {
    const w = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description || null,
        events: [...new Set(input.events)],
        instanceIds: instanceIds ?? undefined,
        secret,
        createdById: p.type === "system" ? null : p.id,
        createdByLabel: p.name,
      },
    });
    await writeAudit(tx, p, { action: "webhook.create", targetType: "webhook", targetId: w.id, after: webhookAuditView(w), subjects: [webhookSubject(w)] });
    return w;
  });
  return { ...webhookView(row), secret };
}
