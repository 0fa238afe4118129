// Outbox → deliveries: each queued audit event becomes one delivery per endpoint that subscribes
// to its type and may see it (an endpoint with instances receives an event when any of its
// subjects is on one of them — the rule instance-restricted keys follow for the audit log).
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Principal } from "../auth/principal";
import { canSeeAuditEvent } from "../auth/instance-policy";
import { matchesEvents } from "../webhooks/rules/events";
import { webhookInstances } from "../webhooks/webhook-records";
import { eventPayload, orderKeyOf } from "./rules/payload";
import { revealSnapshots } from "../privacy/reveal-personal-fields";

/** Outbox rows taken per batch. */
export const FAN_OUT_BATCH = 200;

/**
 * Turns up to FAN_OUT_BATCH outbox rows (oldest first) into deliveries and deletes them, in one
 * transaction: a crash leaves the rows to be fanned out again, never half. Endpoints created after
 * an event was queued, and disabled endpoints, do not get it. Returns the number of rows taken.
 */
export async function fanOutOutbox(batch = FAN_OUT_BATCH): Promise<number> {
  const rows = await prisma.webhookOutbox.findMany({ orderBy: { seq: "asc" }, take: batch });
  if (!rows.length) return 0;
  const [events, endpoints] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { id: { in: rows.map((r) => r.eventId) } },
      select: {
        id: true, at: true, action: true, targetType: true, targetId: true, reason: true, before: true, after: true, actorType: true, actorId: true, actorLabel: true,
        subjects: { select: { subjectId: true, subjectType: true, instances: { select: { instanceId: true } } } },
      },
    }),
    prisma.webhookEndpoint.findMany({ where: { disabled: false }, select: { id: true, events: true, instanceIds: true, createdAt: true } }),
  ]);
  // Personal fields are stored sealed (crypto-shredding): receivers get them opened, or "[erased]".
  const byId = new Map((await revealSnapshots(prisma, events)).map((e) => [e.id, e]));
  const data: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const r of rows) {
    const e = byId.get(r.eventId);
    if (!e || !endpoints.length) continue;
    const scopes = e.subjects.map((s) => ({ subjectType: s.subjectType, instanceIds: s.instances.map((i) => i.instanceId) }));
    const payload = eventPayload(e);
    const orderKey = orderKeyOf(e);
    for (const w of endpoints) {
      if (w.createdAt > r.createdAt || !matchesEvents(w.events as string[], e.action)) continue;
      if (!canSeeAuditEvent({ instanceIds: webhookInstances(w) } as Principal, scopes)) continue;
      data.push({ endpointId: w.id, eventId: e.id, type: e.action, orderKey, seq: r.seq, payload, nextAttemptAt: new Date() });
    }
  }
  await prisma.$transaction(async (tx) => {
    if (data.length) await tx.webhookDelivery.createMany({ data });
    await tx.webhookOutbox.deleteMany({ where: { seq: { in: rows.map((r) => r.seq) } } });
  });
  return rows.length;
}
