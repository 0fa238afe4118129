// Rotate an endpoint's signing secret with a 24 h overlap.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { findManagedWebhook, generateWebhookSecret, webhookSubject, webhookView } from "./webhook-records";

/** How long the previous secret still signs after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/**
 * Gives the endpoint a new secret (`webhooks:write`), audited `webhook.rotate` (no secret in the
 * event). For 24 h deliveries carry both signatures, space-separated, so receivers can switch.
 * Returns the view plus `secret` (shown once). 404 unknown/invisible. The endpoint is locked and
 * read inside the transaction; `ifMatch` (a parsed If-Match header or the page's loaded version;
 * undefined/null: none) is checked against its view there: stale → 412 `PRECONDITION_FAILED`,
 * nothing rotated.
 */
export async function rotateWebhookSecret(p: Principal, id: string, ifMatch?: IfMatch, now = new Date()) {
  requireScope(p, "webhooks:write");
  const secret = generateWebhookSecret();
  const row = await auditedTransaction(async (tx) => {
    await lockRows(tx, { webhook: [id] });
    const before = await findManagedWebhook(p, id, tx);
    assertIfMatch(ifMatch, webhookView(before));
    const w = await tx.webhookEndpoint.update({
      where: { id },
      data: { secret, previousSecret: before.secret, previousExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS) },
    });
    await writeAudit(tx, p, {
      action: "webhook.rotate", targetType: "webhook", targetId: id,
      after: { previousSecretExpiresAt: w.previousExpiresAt?.toISOString() }, subjects: [webhookSubject(w)],
    });
    return w;
  });
  return { ...webhookView(row), secret };
}
