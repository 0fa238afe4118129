// Remove an endpoint and its deliveries.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { findManagedWebhook, webhookAuditView, webhookSubject, webhookView } from "./webhook-records";

/**
 * Deletes an endpoint with its deliveries (`webhooks:write`), audited `webhook.delete`; 404
 * unknown/invisible. The endpoint is locked and read inside the transaction and `ifMatch` (a parsed
 * If-Match header) checked against its view there: stale → 412 `PRECONDITION_FAILED`, nothing
 * deleted. Returns `{ id }`.
 */
export async function deleteWebhook(p: Principal, id: string, ifMatch?: IfMatch) {
  requireScope(p, "webhooks:write");
  await auditedTransaction(async (tx) => {
    await lockRows(tx, { webhook: [id] });
    const before = await findManagedWebhook(p, id, tx);
    assertIfMatch(ifMatch, webhookView(before));
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAudit(tx, p, { action: "webhook.delete", targetType: "webhook", targetId: id, before: webhookAuditView(before), subjects: [webhookSubject(before)] });
  });
  return { id };
}
