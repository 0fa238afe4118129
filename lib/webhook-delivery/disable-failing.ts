// Endpoints that have failed for 24 h are disabled, with an audit event and a banner on the page.
import "server-only";
import { prisma } from "../db";
import { systemPrincipal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { webhookAuditView, webhookSubject } from "../webhooks/webhook-records";
import { GIVE_UP_AFTER_MS, retryScale } from "./rules/retry";

/**
 * Disables every enabled endpoint whose deliveries have failed without a success for 24 h
 * (× OMNI_WEBHOOK_RETRY_SCALE), audited `webhook.disable` by the system; its pending deliveries
 * are marked failed. Returns the ids disabled.
 */
export async function disableFailingEndpoints(now = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - GIVE_UP_AFTER_MS * retryScale());
  const failing = await prisma.webhookEndpoint.findMany({ where: { disabled: false, failingSince: { lte: cutoff } }, select: { id: true } });
  const done: string[] = [];
  for (const { id } of failing) {
    await prisma.$transaction(async (tx) => {
      const before = await tx.webhookEndpoint.findUnique({ where: { id } });
      if (!before || before.disabled || !before.failingSince || before.failingSince > cutoff) return;
      const reason = `Every delivery has failed since ${before.failingSince.toISOString()}: disabled after 24 h of failures.`;
      const w = await tx.webhookEndpoint.update({ where: { id }, data: { disabled: true, disabledAt: now, disabledReason: reason } });
      await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "pending" }, data: { status: "failed", nextAttemptAt: null, lastError: "Endpoint disabled after 24 h of failures." } });
      await writeAudit(tx, systemPrincipal("webhook delivery"), {
        action: "webhook.disable", targetType: "webhook", targetId: id, reason,
        before: webhookAuditView(before), after: webhookAuditView(w), subjects: [webhookSubject(w)],
      });
      done.push(id);
    });
  }
  return done;
}
