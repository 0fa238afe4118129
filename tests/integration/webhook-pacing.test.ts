// The delivery worker's background tick (lib/webhook-delivery/worker.ts pacedWebhookTick): a
// backlog drains at the worker's speed while the write path is idle, not OMNI_WEBHOOK_TICK_MAX rows
// per poll interval; with no enabled endpoint, outbox rows are deleted without being fanned out.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { pacedWebhookTick } from "@/lib/webhook-delivery/worker";
import { admin, uniq } from "../support/expect-code";

describe("the paced webhook tick", () => {
  let reenable: string[] = [];
  beforeEach(async () => {
    // no enabled endpoint during these tests (other files' endpoints are put back afterwards)
    reenable = (await prisma.webhookEndpoint.findMany({ where: { disabled: false }, select: { id: true } })).map((e) => e.id);
    await prisma.webhookEndpoint.updateMany({ where: { id: { in: reenable } }, data: { disabled: true } });
    process.env.OMNI_WEBHOOK_TICK_MAX = "20";
    process.env.OMNI_WEBHOOK_POLL_MS = "10000";
  });
  afterEach(async () => {
    await prisma.webhookEndpoint.updateMany({ where: { id: { in: reenable } }, data: { disabled: false } });
    delete process.env.OMNI_WEBHOOK_TICK_MAX;
    delete process.env.OMNI_WEBHOOK_POLL_MS;
  });

  it("drains a backlog of several budgets in one background tick when no write runs, delivering nothing", async () => {
    const inst = (await createInstance(admin, { name: `pace-${uniq()}`, channel: "whatsapp" })).id;
    for (let i = 0; i < 70; i++) await createPerson(admin, { displayName: `Pace ${i}`, identities: [{ instanceId: inst, platformUserId: `pace-${uniq()}` }] });
    const queued = await prisma.webhookOutbox.count();
    expect(queued).toBeGreaterThan(3 * 20);
    const deliveries = await prisma.webhookDelivery.count();
    await pacedWebhookTick()();
    expect(await prisma.webhookOutbox.count()).toBe(0);
    expect(await prisma.webhookDelivery.count()).toBe(deliveries);
  });
});
