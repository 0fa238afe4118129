// The transactional outbox: writeAudit calls this inside the change's own transaction, so an
// event is queued for webhooks exactly when its change commits (nothing for a rolled-back change,
// nothing lost across a crash). The delivery worker (lib/webhook-delivery/worker.ts) fans each
// row out to the subscribed endpoints. One small insert: the write path never waits on endpoints.
import "server-only";
import type { Tx } from "../audit/write-audit";

/** Queues the audit event `event` (its id and type) for webhook delivery, in the caller's transaction `tx`. */
export async function enqueueWebhookDeliveries(tx: Tx, event: { id: string; action: string }): Promise<void> {
  await tx.webhookOutbox.create({ data: { eventId: event.id, action: event.action } });
}
