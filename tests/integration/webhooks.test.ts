// Webhooks end to end against a loopback receiver: signatures verified with the standardwebhooks
// library, the transactional outbox (nothing for a rolled-back change, delivered after kill -9),
// at-least-once under 500s and timeouts, redelivery, rotation overlap, SSRF refusals, instance
// filtering and the restricted-key rules, the 24 h disable.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { dbProvider, prisma } from "@/lib/db";
import { onStatement } from "@/lib/db/statement-trace";
import { fanOutOutbox } from "@/lib/webhook-delivery/fan-out/queue";
import { type Principal } from "@/lib/auth/principal";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { mergeInTx, mergePersons } from "@/lib/persons/merge-persons";
import { auditedTransaction } from "@/lib/db/audited-transaction";
import { updatePerson } from "@/lib/persons/update-person";
import { parseInput } from "@/lib/schemas/parse";
import { personCreateSchema } from "@/lib/persons/schemas";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { getWebhook, listWebhooks } from "@/lib/webhooks/list-webhooks";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { listDeliveries } from "@/lib/webhook-delivery/list-deliveries";
import { redeliver } from "@/lib/webhook-delivery/redeliver";
import { sendTestEvent } from "@/lib/webhook-delivery/send-test";
import { sendWebhook } from "@/lib/webhook-delivery/send";
import { disableFailingEndpoints } from "@/lib/webhook-delivery/disable-failing";
import { webhookTick } from "@/lib/webhook-delivery/worker";
import { writeAudit } from "@/lib/audit/write-audit";
import { tsxArgs } from "@/scripts/lib/tsx";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { admin, uniq, expectCode } from "../support/expect-code";

let wa: string;
let tg: string;
let rx: Receiver;


const person = async (inst: string, name = `P ${uniq()}`) =>
  (await createPerson(admin, parseInput(personCreateSchema, { displayName: name, identities: [{ instanceId: inst, platformUserId: uniq() }] }))).id;

/** Ticks the worker until `done()` or `ms` pass. */
async function tickUntil(done: () => boolean | Promise<boolean>, ms = 15_000) {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("condition not reached");
    await webhookTick();
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An endpoint on the receiver; the previous test's endpoints are gone (beforeEach). */
const hook = (events = ["*"], extra: { instanceIds?: string[] | null } = {}) => createWebhook(admin, parseInput(webhookCreateSchema, { url: rx.url, events, ...extra }));

beforeAll(async () => {
  process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.OMNI_WEBHOOK_RETRY_SCALE = "0.0001"; // 5 s → 0.5 ms; 24 h → 8.6 s
  process.env.OMNI_WEBHOOK_TIMEOUT_MS = "3000"; // a "hang" answer times out; generous for a busy machine
  wa = (await createInstance(admin, { name: `wa-${uniq()}`, channel: "whatsapp" })).id;
  tg = (await createInstance(admin, { name: `tg-${uniq()}`, channel: "telegram" })).id;
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
  delete process.env.OMNI_WEBHOOK_ALLOW_PRIVATE;
});
beforeEach(async () => {
  await webhookTick(); // drain what earlier tests queued
  await prisma.webhookEndpoint.deleteMany({});
  await prisma.webhookOutbox.deleteMany({});
  rx.received.length = 0;
  rx.respond = () => 204;
}, 60_000);

describe("delivery", () => {
  it("delivers a committed merge, signed so the standardwebhooks library verifies it", async () => {
    const w = await hook(["person.merge"]);
    const [a, b] = [await person(wa, "Ada"), await person(wa, "Ada L")];
    const m = await mergePersons(admin, { sourceId: a, targetId: b, reason: "same" });
    await tickUntil(() => rx.received.length >= 1);
    const [r] = rx.received;
    const body = rx.verify(r, w.secret) as { id: string; type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toMatchObject({ id: m.auditEventId, type: "person.merge", data: { targetId: b, reason: "same", actor: { type: "system", label: "test" } } });
    expect(body.data.subjects).toEqual(expect.arrayContaining([{ type: "person", id: a, instanceId: wa }, { type: "person", id: b, instanceId: wa }]));
    expect(r.headers["webhook-id"]).toBe(m.auditEventId);
    expect(r.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(() => rx.verify(r, "whsec_" + Buffer.from("wrong secret 0123456789ab").toString("base64"))).toThrow();
    // only person.merge: the two person.create events were not sent
    expect(rx.received).toHaveLength(1);
    const d = await listDeliveries(admin, w.id, { limit: 20 });
    expect(d.items[0]).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 204, type: "person.merge", eventId: m.auditEventId });
    expect(d.items[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("a budgeted tick (the background worker's) makes at most its attempts, shares them between endpoints, keeps each person's order", async () => {
    const [w1, w2] = [await hook(["person.update"]), await hook(["person.update"])];
    const p = await person(wa);
    for (let i = 0; i < 4; i++) await updatePerson(admin, p, { displayName: `Budget ${i}` });
    const budget = { outboxRows: 10, attempts: 2 };
    /** Per endpoint: how many deliveries succeeded, and whether they are its oldest (order kept). */
    const progress = async () => Promise.all([w1, w2].map(async (w) => {
      const all = await prisma.webhookDelivery.findMany({ where: { endpointId: w.id }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }, { id: "asc" }] });
      const n = all.filter((d) => d.status === "succeeded").length;
      return { n, prefix: all.slice(0, n).every((d) => d.status === "succeeded"), total: all.length };
    }));
    await webhookTick(budget);
    expect(rx.received).toHaveLength(2);
    expect(await progress()).toEqual([{ n: 1, prefix: true, total: 4 }, { n: 1, prefix: true, total: 4 }]);
    await webhookTick(budget);
    expect(await progress()).toEqual([{ n: 2, prefix: true, total: 4 }, { n: 2, prefix: true, total: 4 }]);
    for (let i = 0; i < 10 && rx.received.length < 8; i++) await webhookTick(budget);
    expect(rx.received).toHaveLength(8);
    const names = rx.received.map((r) => (JSON.parse(r.body) as { data: { after?: { displayName?: string } } }).data.after?.displayName);
    for (let i = 0; i < 4; i++) expect(names.filter((x) => x === `Budget ${i}`)).toHaveLength(2);
  });

  it("delivers nothing for a rolled-back merge", async () => {
    const w = await hook(["person.merge"]);
    const [a, b] = [await person(wa), await person(wa)];
    await expect(auditedTransaction(async (tx) => {
      await mergeInTx(tx, admin, a, b, null, { action: "person.merge" });
      throw new Error("the change fails after its audit event was written");
    })).rejects.toThrow("fails");
    await webhookTick();
    await webhookTick();
    expect(await prisma.person.findUnique({ where: { id: a } })).not.toBeNull();
    expect(await prisma.webhookDelivery.count({ where: { endpointId: w.id } })).toBe(0);
    expect(rx.received).toHaveLength(0);
  });

  it("is at least once: retries through 500s and a timeout, same webhook-id each time", async () => {
    await hook(["person.update", "person.merge"]);
    rx.respond = (_r, n) => (n <= 2 ? 500 : n === 3 ? "hang" : 200);
    const [a, b] = [await person(wa), await person(wa)];
    const m = await mergePersons(admin, { sourceId: a, targetId: b });
    await tickUntil(async () => (await prisma.webhookDelivery.findFirst({ where: { eventId: m.auditEventId } }))?.status === "succeeded");
    expect(rx.received.length).toBe(4);
    expect(new Set(rx.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([m.auditEventId]));
    const d = await prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: m.auditEventId } });
    expect(d).toMatchObject({ attempts: 4, lastStatusCode: 200, lastError: null });
  });

  it("records a timeout and a 500 with the response body, then redelivers on request", async () => {
    const w = await hook(["person.merge"]);
    rx.respond = () => 500;
    const [a, b] = [await person(wa), await person(wa)];
    await mergePersons(admin, { sourceId: a, targetId: b });
    await tickUntil(() => rx.received.length >= 1);
    const [d] = (await listDeliveries(admin, w.id, { limit: 5 })).items;
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500.", responseBody: "answer 500" });
    expect(d.requestBody).toContain('"type":"person.merge"');
    // the attempt's times are written as they were (UTC, no shift), the retry after the attempt
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(Math.abs(row.lastAttemptAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(row.lastAttemptAt!.getTime());
    expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(row.lastAttemptAt!.getTime());
    rx.respond = () => 200;
    await tickUntil(async () => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).status === "succeeded");
    const before = rx.received.length;
    const again = await redeliver(admin, w.id, d.id);
    expect(again.status).toBe("pending");
    await tickUntil(() => rx.received.length > before);
    expect(rx.received.at(-1)!.headers["webhook-id"]).toBe(d.eventId);
    expect(rx.received.at(-1)!.body).toBe(d.requestBody);
    await expectCode(redeliver(admin, w.id, crypto.randomUUID()), "NOT_FOUND");
  });

  it("gives up after 24 h (scaled) and disables an endpoint failing for 24 h, audited webhook.disable", async () => {
    const w = await hook(["person.merge"]);
    rx.respond = () => 503;
    const [a, b] = [await person(wa), await person(wa)];
    await mergePersons(admin, { sourceId: a, targetId: b });
    await tickUntil(() => rx.received.length >= 1);
    await prisma.webhookEndpoint.update({ where: { id: w.id }, data: { failingSince: new Date(Date.now() - 25 * 3_600_000) } });
    expect(await disableFailingEndpoints()).toEqual([w.id]);
    const after = await getWebhook(admin, w.id);
    expect(after.disabled).toBe(true);
    expect(after.disabledReason).toMatch(/24 h/);
    const ev = await prisma.auditEvent.findFirst({ where: { action: "webhook.disable", targetId: w.id } });
    expect(ev?.actorType).toBe("system");
    expect((await listDeliveries(admin, w.id, { limit: 5 })).items[0].status).toBe("failed");
  });

  it("keeps a person's events in order while an earlier one is retried", async () => {
    await hook(["person.update"]);
    const a = await person(wa);
    let failFirst = true;
    rx.respond = () => (failFirst ? ((failFirst = false), 500) : 200);
    const { updatePerson } = await import("@/lib/persons/update-person");
    for (const n of [1, 2, 3]) await updatePerson(admin, a, { displayName: `v${n}` });
    await tickUntil(() => rx.received.filter((r) => r.headers["webhook-id"]).length >= 4);
    const names = rx.received.map((r) => (JSON.parse(r.body) as { data: { after: { displayName: string } } }).data.after.displayName);
    expect(names).toEqual(["v1", "v1", "v2", "v3"]);
  });

  it("signs with both secrets for 24 h after a rotation", async () => {
    const w = await hook(["*"]);
    const rotated = await rotateWebhookSecret(admin, w.id);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(rotated.secret).not.toBe(w.secret);
    expect(rotated.secretRotating).toBe(true);
    const t = await sendTestEvent(admin, w.id);
    expect(t).toMatchObject({ status: "succeeded", type: "webhook.test" });
    const r = rx.received.find((x) => x.headers["webhook-id"] === t.eventId)!;
    expect(r.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(rx.verify(r, w.secret)).toMatchObject({ type: "webhook.test" }); // old secret still verifies
    expect(rx.verify(r, rotated.secret)).toMatchObject({ type: "webhook.test" });
    const ev = await prisma.auditEvent.findFirstOrThrow({ where: { action: "webhook.rotate", targetId: w.id } });
    expect(JSON.stringify(ev)).not.toContain(rotated.secret.slice(6));
    // after the overlap: one signature, the new secret's
    await prisma.webhookEndpoint.update({ where: { id: w.id }, data: { previousExpiresAt: new Date(Date.now() - 1000) } });
    const t2 = await sendTestEvent(admin, w.id);
    const r2 = rx.received.find((x) => x.headers["webhook-id"] === t2.eventId)!;
    expect(r2.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(() => rx.verify(r2, w.secret)).toThrow();
  });

  it("delivers a merge committed by a process killed with -9 right after the commit", async () => {
    await hook(["person.merge"]);
    const [a, b] = [await person(wa), await person(wa)];
    const out = await promisify(execFile)(process.execPath, tsxArgs("tests/support/child-merge-then-die.ts", a, b), { env: process.env, timeout: 60_000 })
      .then((r) => r.stdout, (e: { stdout?: string; signal?: string; code?: number }) => {
        expect(e.signal === "SIGKILL" || e.code === 137, `killed: ${e.signal} ${e.code}`).toBe(true);
        return e.stdout ?? "";
      });
    const eventId = out.trim();
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rx.received).toHaveLength(0);
    await tickUntil(() => rx.received.some((r) => r.headers["webhook-id"] === eventId));
  }, 90_000);
});

describe("no endpoint enabled", () => {
  it("the outbox head is dropped unread (PostgreSQL: one statement); once an endpoint is enabled, rows are fanned out again", async () => {
    const w = await hook(["*"]);
    await updateWebhook(admin, w.id, { disabled: true });
    await prisma.webhookOutbox.deleteMany({}); // the endpoint's own create and update events
    for (let i = 0; i < 3; i++) await person(wa);
    expect(await prisma.webhookOutbox.count()).toBe(3);
    // a tick that reads the rows and finds no endpoint enabled (earlier tests enabled some) …
    expect(await fanOutOutbox(1)).toBe(1);
    // … and the next one drops them unread
    const sql: string[] = [];
    const stop = onStatement((q) => {
      if (!/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(q)) sql.push(q);
    });
    try {
      expect(await fanOutOutbox(1)).toBe(1);
    } finally {
      stop();
    }
    expect(await prisma.webhookOutbox.count()).toBe(1);
    if (dbProvider === "postgresql") expect(sql, sql.join("\n")).toHaveLength(1);
    await updateWebhook(admin, w.id, { disabled: false });
    const p = await person(wa); // queued after the endpoint is enabled again: delivered
    expect(await fanOutOutbox(10)).toBe(3); // the row left, the endpoint's update, the person
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: p, action: "person.create" }, select: { id: true } });
    const d = await prisma.webhookDelivery.findMany({ where: { endpointId: w.id }, select: { eventId: true } });
    expect(d.map((x) => x.eventId)).toContain(created.id);
    expect(await prisma.webhookOutbox.count()).toBe(0);
    // while endpoints are enabled, a tick does not first try the drop (a statement for nothing)
    await person(wa);
    const tried: string[] = [];
    const stop2 = onStatement((q) => {
      if (/DELETE FROM "WebhookOutbox" WHERE NOT/.test(q)) tried.push(q);
    });
    try {
      expect(await fanOutOutbox(10)).toBe(1);
      await updateWebhook(admin, w.id, { disabled: true });
      expect(await fanOutOutbox(10)).toBe(1); // read, no endpoint found: the next tick tries the drop again
      await person(wa);
      expect(await fanOutOutbox(10)).toBe(1);
    } finally {
      stop2();
    }
    expect(tried).toHaveLength(dbProvider === "postgresql" ? 1 : 0);
  });
});

describe("destinations (SSRF guard)", () => {
  it("refuses literal loopback, private and link-local hosts at creation unless allowed", async () => {
    delete process.env.OMNI_WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const url of [
        "http://127.0.0.1/x", "http://10.1.2.3/", "http://192.168.0.10/", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data",
        "http://[::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://0x7f.1/", "http://2130706433/", "http://localhost:3000/", "http://0.0.0.0/",
        "ftp://example.com/", "http://user:pw@example.com/", "not a url",
      ]) {
        const e = await expectCode(Promise.resolve().then(() => createWebhook(admin, parseInput(webhookCreateSchema, { url, events: ["*"] }))), "VALIDATION_ERROR");
        expect(e.details?.fields, url).toHaveProperty("url");
      }
      const ok = await createWebhook(admin, parseInput(webhookCreateSchema, { url: "https://hooks.example.com/omni", events: ["person.*"] }));
      expect(ok.url).toBe("https://hooks.example.com/omni");
    } finally {
      process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
    }
  });

  it("checks the resolved address of a hostname at send time, and follows no redirect", async () => {
    const port = new URL(rx.url).port;
    const refused = await sendWebhook({ url: `http://localhost:${port}/hook`, msgId: "m1", payload: "{}", secrets: ["whsec_" + Buffer.alloc(24, 1).toString("base64")], allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, statusCode: null });
    expect(refused.error).toMatch(/non-public address/);
    const literal = await sendWebhook({ url: rx.url, msgId: "m2", payload: "{}", secrets: ["whsec_" + Buffer.alloc(24, 1).toString("base64")], allowPrivate: false });
    expect(literal.error).toMatch(/not a public address/);
    expect(rx.received).toHaveLength(0);
    rx.respond = () => 302;
    const redirect = await sendWebhook({ url: rx.url, msgId: "m3", payload: "{}", secrets: ["whsec_" + Buffer.alloc(24, 1).toString("base64")], allowPrivate: true });
    expect(redirect).toMatchObject({ ok: false, statusCode: 302, error: "Redirect (302) not followed." });
  });

  it("reuses one connection for consecutive deliveries to a receiver (no TCP handshake per delivery)", async () => {
    const server = http.createServer((q, r) => { q.resume(); q.on("end", () => r.writeHead(204).end()); });
    let connections = 0;
    server.on("connection", () => connections++);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      for (let i = 0; i < 5; i++) {
        const r = await sendWebhook({ url, msgId: `keep-${i}`, payload: "{}", secrets: ["whsec_" + Buffer.alloc(24, 1).toString("base64")], allowPrivate: true });
        expect(r.ok, r.error ?? "").toBe(true);
      }
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });

  it("refuses unknown events", async () => {
    const e = await expectCode(Promise.resolve().then(() => createWebhook(admin, parseInput(webhookCreateSchema, { url: rx.url, events: ["person.explode", "nope.*"] }))), "VALIDATION_ERROR");
    expect(Object.keys(e.details?.fields as object)).toEqual(["events.0", "events.1"]);
  });
});

describe("instances", () => {
  const restricted = (instanceIds: string[], scopes = ["webhooks:read", "webhooks:write"]): Principal => ({ type: "apiKey", id: `k-${uniq()}`, name: "restricted", scopes, instanceIds });

  it("an endpoint with instances receives only events of its instances", async () => {
    await hook(["person.create"], { instanceIds: [wa] });
    const onWa = await person(wa);
    const onTg = await person(tg);
    await tickUntil(() => rx.received.length >= 1);
    await webhookTick();
    const targets = rx.received.map((r) => (JSON.parse(r.body) as { data: { targetId: string } }).data.targetId);
    expect(targets).toContain(onWa);
    expect(targets).not.toContain(onTg);
  });

  it("a restricted key sees and manages only its instances' endpoints; its new endpoint gets its instances", async () => {
    const onWa = restricted([wa]);
    const mine = await createWebhook(onWa, parseInput(webhookCreateSchema, { url: rx.url, events: ["*"] }));
    expect(mine.instanceIds).toEqual([wa]);
    const global = await hook(["*"]);
    const onTg = await hook(["*"], { instanceIds: [tg] });
    expect((await listWebhooks(onWa, { limit: 50 })).items.map((w) => w.id)).toEqual([mine.id]);
    await expectCode(getWebhook(onWa, global.id), "NOT_FOUND");
    await expectCode(updateWebhook(onWa, onTg.id, { disabled: true }), "NOT_FOUND");
    await expectCode(deleteWebhook(onWa, onTg.id), "NOT_FOUND");
    await expectCode(rotateWebhookSecret(onWa, global.id), "NOT_FOUND");
    await expectCode(sendTestEvent(onWa, onTg.id), "NOT_FOUND");
    await expectCode(listDeliveries(onWa, global.id, { limit: 5 }), "NOT_FOUND");
    await expectCode(createWebhook(onWa, parseInput(webhookCreateSchema, { url: rx.url, events: ["*"], instanceIds: [tg] })), "FORBIDDEN");
    await expectCode(createWebhook(onWa, parseInput(webhookCreateSchema, { url: rx.url, events: ["*"], instanceIds: null })), "FORBIDDEN");
    await expectCode(updateWebhook(onWa, mine.id, { instanceIds: [wa, tg] }), "FORBIDDEN");
    await expectCode(listWebhooks(restricted([wa], ["persons:read"]), { limit: 5 }), "FORBIDDEN");
    await expectCode(createWebhook(restricted([wa], ["webhooks:read"]), { url: rx.url, events: ["*"] }), "FORBIDDEN");
    expect((await deleteWebhook(onWa, mine.id)).id).toBe(mine.id);
  });
});

describe("management", () => {
  it("creates with a whsec_ secret shown once, updates, disables, deletes — each audited", async () => {
    const w = await hook(["person.merge"]);
    expect(w.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Object.keys(await getWebhook(admin, w.id))).not.toContain("secret");
    const u = await updateWebhook(admin, w.id, { events: ["identity.*"], description: "crm" });
    expect(u).toMatchObject({ events: ["identity.*"], description: "crm" });
    const same = await updateWebhook(admin, w.id, { events: ["identity.*"] });
    expect(same.updatedAt).toEqual(u.updatedAt);
    expect((await updateWebhook(admin, w.id, { disabled: true })).disabled).toBe(true);
    expect((await updateWebhook(admin, w.id, { disabled: false })).disabled).toBe(false);
    await deleteWebhook(admin, w.id);
    await expectCode(getWebhook(admin, w.id), "NOT_FOUND");
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: w.id }, orderBy: { at: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(["webhook.create", "webhook.update", "webhook.update", "webhook.update", "webhook.delete"]);
    expect(await prisma.webhookDelivery.count({ where: { endpointId: w.id } })).toBe(0);
  });

  it("an audited write only inserts one outbox row, whatever the endpoints", async () => {
    for (let i = 0; i < 5; i++) await hook(["*"]);
    const before = await prisma.webhookOutbox.count();
    await prisma.$transaction((tx) => writeAudit(tx, admin, { action: "person.update", targetType: "person", targetId: crypto.randomUUID() }));
    expect(await prisma.webhookOutbox.count()).toBe(before + 1);
    expect(await prisma.webhookDelivery.count()).toBe(0);
    await webhookTick();
    expect(await prisma.webhookOutbox.count()).toBe(0);
  });
});
