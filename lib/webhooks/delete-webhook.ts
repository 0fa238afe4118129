// Remove an endpoint and its deliveries.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { findManagedWebhook, webhookAuditView, webhookSubject } from "./webhook-records";

/** Deletes an endpoint with its deliveries (`webhooks:write`), audited `webhook.delete`; 404 unknown/invisible. */
export async function deleteWebhook(p: Principal, id: string) {
  requireScope(p, "webhooks:write");
  await prisma.$transaction(async (tx) => {
    const before = await findManagedWebhook(p, id, tx);
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAudit(tx, p, { action: "webhook.delete", targetType: "webhook", targetId: id, before: webhookAuditView(before), subjects: [webhookSubject(before)] });
  });
  return { id };
}
