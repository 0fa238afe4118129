// The delivery worker in a worker thread (lib/webhook-delivery/thread.ts), as the server runs it on
// PostgreSQL: it is elected, delivers a committed change signed as the main thread would, runs a
// tick when asked and stops cleanly; the process's audited-writes counter it paces itself by is
// shared memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProvider } from "@/lib/db";
import { auditedWritesCounter, auditedWritesStarted } from "@/lib/db/audited-transaction";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { startWebhookWorkerThread } from "@/lib/webhook-delivery/thread";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { admin, uniq } from "../support/expect-code";

const holder = globalThis as { omniWebhookWorker?: unknown };

describe.skipIf(dbProvider !== "postgresql")("the webhook worker thread", () => {
  let rx: Receiver;
  beforeAll(async () => {
    process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
    process.env.OMNI_WEBHOOK_POLL_MS = "100";
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
    delete process.env.OMNI_WEBHOOK_ALLOW_PRIVATE;
    delete process.env.OMNI_WEBHOOK_POLL_MS;
    holder.omniWebhookWorker = undefined;
  });

  it("counts audited writes in shared memory, on globalThis", async () => {
    const counter = auditedWritesCounter();
    expect(counter.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((globalThis as { omniAuditedWrites?: Int32Array }).omniAuditedWrites).toBe(counter);
    const before = auditedWritesStarted();
    await createInstance(admin, { name: `thr-${uniq()}`, channel: "whatsapp" });
    expect(auditedWritesStarted()).not.toBe(before);
  });

  it("is elected, delivers a committed change with a verifiable signature, and stops", async () => {
    const hook = await createWebhook(admin, { url: rx.url, events: ["person.create"] });
    const inst = (await createInstance(admin, { name: `thr-${uniq()}`, channel: "whatsapp" })).id;
    const loop = startWebhookWorkerThread()!;
    try {
      expect(holder.omniWebhookWorker).toBe(loop);
      expect(startWebhookWorkerThread()).toBe(loop); // once per process
      const name = `Threaded ${uniq()}`;
      const id = (await createPerson(admin, { displayName: name, identities: [{ instanceId: inst, platformUserId: uniq() }] })).id;
      const [got] = await rx.waitFor(1, 20_000);
      const payload = rx.verify(got, hook.secret) as { type: string; data: { targetId: string } };
      expect(payload.type).toBe("person.create");
      expect(payload.data.targetId).toBe(id);
      expect(JSON.stringify(payload)).toContain(name); // personal fields opened for the receiver, as in the main thread
      await loop.runNow(); // resolves once the thread has run a tick and told its leadership
      expect(loop.isLeader()).toBe(true);
    } finally {
      await loop.stop();
      await deleteWebhook(admin, hook.id);
    }
    expect(loop.isLeader()).toBe(false);
    await loop.runNow(); // no thread any more: resolves at once
  });
});
