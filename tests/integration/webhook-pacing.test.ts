// The delivery worker's background tick (lib/webhook-delivery/worker.ts pacedWebhookTick): a
// backlog drains at the worker's speed while the write path is idle, not a tick's budget per poll
// interval; with no enabled endpoint, outbox rows are deleted without being fanned out; an
// endpoint subscribed to merges gets a merge queued behind a backlog of other events in one tick.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { updatePerson } from "@/lib/persons/update-person";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { pacedWebhookTick } from "@/lib/webhook-delivery/worker";
import { startReceiver } from "../support/webhook-receiver";
import { admin, uniq } from "../support/expect-code";

describe("the paced webhook tick", () => {
  let reenable: string[] = [];
  beforeEach(async () => {
    // no enabled endpoint during these tests (other files' endpoints are put back afterwards)
    reenable = (await prisma.webhookEndpoint.findMany({ where: { disabled: false }, select: { id: true } })).map((e) => e.id);
    await prisma.webhookEndpoint.updateMany({ where: { id: { in: reenable } }, data: { disabled: true } });
    process.env.OMNI_WEBHOOK_TICK_MAX = "20";
    process.env.OMNI_WEBHOOK_FAN_OUT_MAX = "20";
    process.env.OMNI_WEBHOOK_POLL_MS = "10000";
  });
  afterEach(async () => {
    await prisma.webhookEndpoint.updateMany({ where: { id: { in: reenable } }, data: { disabled: false } });
    delete process.env.OMNI_WEBHOOK_TICK_MAX;
    delete process.env.OMNI_WEBHOOK_FAN_OUT_MAX;
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

  it("delivers a merge queued behind 150 other events to a merge-only endpoint in one tick (fanned out ahead of the queue), while an every-event endpoint's backlog waits", async () => {
    process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
    process.env.OMNI_WEBHOOK_POLL_MS = "10"; // one tick per call: as when writes run, and the worker rests after each
    const rx = await startReceiver();
    const every = await createWebhook(admin, { url: rx.url, events: ["*"] });
    const merges = await createWebhook(admin, { url: rx.url, events: ["person.merge"] });
    try {
      const inst = (await createInstance(admin, { name: `pace-${uniq()}`, channel: "whatsapp" })).id;
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await createPerson(admin, { displayName: `Merge ${i}`, identities: [{ instanceId: inst, platformUserId: `pace-${uniq()}` }] })).id);
      for (let i = 0; i < 150; i++) await updatePerson(admin, ids[i % 2], { displayName: `Edited ${i}` });
      const merge = await mergePersons(admin, { sourceId: ids[0], targetId: ids[1], reason: "same person" });
      await pacedWebhookTick()();
      const merged = rx.received.filter((r) => JSON.parse(r.body).type === "person.merge");
      // the merge-only endpoint got it (the every-event endpoint is still behind, on its first events)
      expect(merged.map((r) => rx.verify(r, merges.secret))).toHaveLength(1);
      expect(JSON.parse(merged[0].body).id).toBe(merge.auditEventId);
      expect(rx.received.length).toBeLessThanOrEqual(20);
      // the queue itself moved one tick's worth (20 rows): the merge was fanned out ahead of it, and
      // its row stays, marked, for the every-event endpoint
      const left = await prisma.webhookOutbox.findMany({ orderBy: { seq: "asc" } });
      expect(left.length).toBeGreaterThan(100);
      expect(left.filter((r) => Array.isArray(r.fannedTo) && r.fannedTo.length).map((r) => [r.eventId, r.fannedTo])).toEqual([[merge.auditEventId, [merges.id]]]);
      // the every-event endpoint gets the merge from the ordinary fan-out once, and the merge-only one not again
      for (let i = 0; i < 20 && (await prisma.webhookOutbox.count()); i++) await pacedWebhookTick()();
      expect(await prisma.webhookOutbox.count()).toBe(0);
      expect(await prisma.webhookDelivery.groupBy({ by: ["endpointId"], where: { eventId: merge.auditEventId }, _count: true }))
        .toEqual(expect.arrayContaining([{ endpointId: every.id, _count: 1 }, { endpointId: merges.id, _count: 1 }]));
      expect(await prisma.webhookDelivery.count({ where: { eventId: merge.auditEventId } })).toBe(2);
    } finally {
      await deleteWebhook(admin, every.id);
      await deleteWebhook(admin, merges.id);
      await rx.close();
    }
  });

  it("keeps each person's order for an endpoint that gets some events ahead of the queue and the rest from it", async () => {
    process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
    process.env.OMNI_WEBHOOK_POLL_MS = "10";
    const rx = await startReceiver();
    const every = await createWebhook(admin, { url: rx.url, events: ["*"] });
    const updates = await createWebhook(admin, { url: rx.url, events: ["person.update"] });
    try {
      const inst = (await createInstance(admin, { name: `pace-${uniq()}`, channel: "whatsapp" })).id;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await createPerson(admin, { displayName: `Order ${i}`, identities: [{ instanceId: inst, platformUserId: `pace-${uniq()}` }] })).id);
      // 20 rows a tick from the head; the update-only endpoint reads 100 ahead a tick: some of its
      // events come ahead of the queue, the others by it
      for (let i = 0; i < 360; i++) await updatePerson(admin, ids[i % 3], { displayName: `Order edit ${i}` });
      let ahead = false;
      for (let i = 0; i < 200; i++) {
        await pacedWebhookTick()();
        ahead ||= (await prisma.webhookOutbox.count({ where: { NOT: { fannedTo: { equals: Prisma.DbNull } } } })) > 0;
        if (!(await prisma.webhookOutbox.count()) && !(await prisma.webhookDelivery.count({ where: { status: "pending", endpointId: { in: [every.id, updates.id] } } }))) break;
      }
      expect(ahead).toBe(true);
      const mine = rx.received.filter((r) => { try { rx.verify(r, updates.secret); return true; } catch { return false; } });
      expect(mine).toHaveLength(360);
      const sent = mine.map((r) => JSON.parse(r.body) as { id: string; data: { targetId: string } });
      const seqOf = new Map((await prisma.auditEvent.findMany({ where: { id: { in: sent.map((e) => e.id) } }, select: { id: true, seq: true } })).map((e) => [e.id, e.seq]));
      for (const id of ids) {
        const seqs = sent.filter((e) => e.data.targetId === id).map((e) => seqOf.get(e.id)!);
        expect(seqs).toHaveLength(120);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    } finally {
      await deleteWebhook(admin, every.id);
      await deleteWebhook(admin, updates.id);
      await rx.close();
    }
  });
});
