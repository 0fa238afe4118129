// Change an endpoint: URL, events, description, instances, enabled/disabled.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { Prisma } from "../generated/prisma/client";
import type { WebhookUpdate } from "./schemas";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { findManagedWebhook, grantedInstances, webhookAuditView, webhookSubject, webhookView } from "./webhook-records";

/**
 * Updates an endpoint (`webhooks:write`), audited `webhook.update`; 404 unknown/invisible, 403 for
 * instances outside a restricted key's. Re-enabling (`disabled: false`) clears the failure state.
 * A PATCH that changes nothing writes nothing and returns the endpoint unchanged. The endpoint is
 * locked and read inside the transaction; `ifMatch` (a parsed If-Match header; undefined/null:
 * none) is checked against its view there: stale → 412 `PRECONDITION_FAILED`, nothing written.
 * Returns the endpoint's public view (`WebhookView`).
 */
export async function updateWebhook(p: Principal, id: string, input: WebhookUpdate, ifMatch?: IfMatch) {
  requireScope(p, "webhooks:write");
  const row = await auditedTransaction(async (tx) => {
    await lockRows(tx, { webhook: [id] });
    const before = await findManagedWebhook(p, id, tx);
    assertIfMatch(ifMatch, webhookView(before));
    const data: Prisma.WebhookEndpointUpdateInput = {};
    if (input.url !== undefined && input.url !== before.url) data.url = input.url;
    if (input.events !== undefined && JSON.stringify([...new Set(input.events)]) !== JSON.stringify(before.events)) data.events = [...new Set(input.events)];
    if (input.description !== undefined && (input.description || null) !== before.description) data.description = input.description || null;
    if (input.instanceIds !== undefined) {
      const next = grantedInstances(p, input.instanceIds ?? null);
      if (JSON.stringify(next) !== JSON.stringify(before.instanceIds ?? null)) data.instanceIds = next ?? Prisma.DbNull;
    }
    if (input.disabled !== undefined && input.disabled !== before.disabled) {
      data.disabled = input.disabled;
      data.disabledAt = input.disabled ? new Date() : null;
      data.disabledReason = input.disabled ? `Disabled by ${p.name}` : null;
      if (!input.disabled) data.failingSince = null;
    }
    if (!Object.keys(data).length) return before;
    const w = await tx.webhookEndpoint.update({ where: { id }, data });
    await writeAudit(tx, p, {
      action: "webhook.update", targetType: "webhook", targetId: id,
      before: webhookAuditView(before), after: webhookAuditView(w), subjects: [webhookSubject(w)],
    });
    return w;
  });
  return webhookView(row);
}
