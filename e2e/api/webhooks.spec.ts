// /api/v1/webhooks* over HTTP against the running server (its worker delivers to a loopback
// receiver in this process; the e2e server runs with OMNI_WEBHOOK_ALLOW_PRIVATE=1), every
// endpoint's bad cases (wrong scope, wrong instance, malformed bodies), and the merged-away id.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { startReceiver, type Receiver } from "../../tests/support/webhook-receiver";

const uniq = () => Math.random().toString(36).slice(2, 8);
const FAKE = "00000000-0000-4000-8000-00000000abcd";
let rx: Receiver;

test.beforeAll(async () => { rx = await startReceiver(); });
test.afterAll(async () => { await rx.close(); });

async function post(request: APIRequestContext, path: string, data: unknown, key = keys().all.key) {
  return request.post(`/api/v1${path}`, { headers: bearer(key), data });
}
async function newKey(request: APIRequestContext, scopes: string[], instanceIds?: string[]) {
  const res = await post(request, "/keys", { name: `wh-${uniq()}`, scopes, ...(instanceIds ? { instanceIds } : {}) });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.key as string;
}
async function instance(request: APIRequestContext) {
  return (await (await post(request, "/instances", { name: `wh-${uniq()}`, channel: "whatsapp" })).json()).data.id as string;
}
async function person(request: APIRequestContext, instanceId: string) {
  const res = await post(request, "/persons", { displayName: `W ${uniq()}`, identities: [{ instanceId, platformUserId: uniq() }] });
  expect(res.status()).toBe(201);
  return (await res.json()).data.id as string;
}

test.describe("webhooks API", () => {
  test("create → merge → signed delivery within seconds → deliveries list → redeliver → rotate → test → delete", async ({ request }) => {
    const inst = await instance(request);
    const res = await post(request, "/webhooks", { url: rx.url, events: ["person.merge"], description: "crm" });
    expect(res.status(), await res.text()).toBe(201);
    const hook = (await res.json()).data;
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    expect(hook).toMatchObject({ url: rx.url, events: ["person.merge"], description: "crm", instanceIds: null, disabled: false });
    const got = (await (await request.get(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key) })).json()).data;
    expect(got.secret).toBeUndefined();

    const [a, b] = [await person(request, inst), await person(request, inst)];
    const merge = (await (await post(request, "/persons/merge", { sourceId: a, targetId: b, reason: "dup" })).json()).data;
    await expect.poll(() => rx.received.filter((r) => r.headers["webhook-id"] === merge.auditEventId).length, { timeout: 15_000 }).toBe(1);
    const r = rx.received.find((x) => x.headers["webhook-id"] === merge.auditEventId)!;
    expect(rx.verify(r, hook.secret)).toMatchObject({ id: merge.auditEventId, type: "person.merge", data: { targetId: b, reason: "dup" } });

    // the merged-away id says where the person went
    const gone = await expectError(await request.get(`/api/v1/persons/${a}`, { headers: bearer(keys().all.key) }), 404, "NOT_FOUND");
    expect(gone.details).toEqual({ mergedInto: b, mergedAt: expect.any(String), auditEventId: merge.auditEventId });

    const list = await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: bearer(keys().all.key) });
    const { items, nextCursor } = await list.json();
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({ eventId: merge.auditEventId, type: "person.merge", status: "succeeded", attempts: 1, lastStatusCode: 204 });

    const again = await post(request, `/webhooks/${hook.id}/deliveries/${items[0].id}/redeliver`, {});
    expect(again.status()).toBe(200);
    await expect.poll(() => rx.received.filter((x) => x.headers["webhook-id"] === merge.auditEventId).length, { timeout: 15_000 }).toBe(2);

    const rot = (await (await post(request, `/webhooks/${hook.id}/rotate-secret`, {})).json()).data;
    expect(rot.secret).not.toBe(hook.secret);
    const t = await post(request, `/webhooks/${hook.id}/test`, {});
    expect(t.status()).toBe(200);
    const td = (await t.json()).data;
    expect(td).toMatchObject({ type: "webhook.test", status: "succeeded", lastStatusCode: 204 });
    const tr = rx.received.find((x) => x.headers["webhook-id"] === td.eventId)!;
    expect(tr.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(rx.verify(tr, hook.secret)).toBeTruthy();
    expect(rx.verify(tr, rot.secret)).toBeTruthy();

    const patched = await request.patch(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key), data: { disabled: true, events: ["person.*"] } });
    expect((await patched.json()).data).toMatchObject({ disabled: true, events: ["person.*"] });
    const del = await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key) });
    expect((await del.json()).data).toEqual({ id: hook.id, deleted: true });
    await expectError(await request.get(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key) }), 404, "NOT_FOUND");
  });

  test("malformed bodies and queries are 400 with fields, unknown ids 404", async ({ request }) => {
    for (const [body, field] of [
      [{ events: ["*"] }, "url"],
      [{ url: "ftp://example.com/", events: ["*"] }, "url"],
      [{ url: "https://user:pw@example.com/", events: ["*"] }, "url"],
      [{ url: "https://example.com/", events: [] }, "events"],
      [{ url: "https://example.com/", events: ["person.explode"] }, "events.0"],
      [{ url: "https://example.com/", events: "person.merge" }, "events"],
      [{ url: "https://example.com/", events: ["*"], instanceIds: ["nope"] }, "instanceIds.0"],
      [{ url: "https://example.com/", events: ["*"], secret: "mine" }, "_"],
    ] as const) {
      const e = await expectError(await post(request, "/webhooks", body), 400, "VALIDATION_ERROR");
      expect(Object.keys((e.details as { fields: object }).fields), JSON.stringify(body)).toContain(field);
    }
    const bad = await request.post("/api/v1/webhooks", { headers: { ...bearer(keys().all.key), "content-type": "application/json" }, data: "{not json" });
    await expectError(bad, 400, "VALIDATION_ERROR");
    const hook = (await (await post(request, "/webhooks", { url: "https://hooks.example.com/x", events: ["*"] })).json()).data;
    await expectError(await request.patch(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key), data: { disabled: "yes" } }), 400, "VALIDATION_ERROR");
    await expectError(await post(request, `/webhooks/${hook.id}/test`, { now: true }), 400, "VALIDATION_ERROR");
    await expectError(await post(request, `/webhooks/${hook.id}/rotate-secret`, { secret: "x" }), 400, "VALIDATION_ERROR");
    await expectError(await request.get(`/api/v1/webhooks/${hook.id}/deliveries?status=lost`, { headers: bearer(keys().all.key) }), 400, "VALIDATION_ERROR");
    await expectError(await request.get(`/api/v1/webhooks/${hook.id}/deliveries?cursor=xyz`, { headers: bearer(keys().all.key) }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/webhooks?limit=500", { headers: bearer(keys().all.key) }), 400, "VALIDATION_ERROR");
    for (const path of [`/webhooks/${FAKE}`, "/webhooks/not-a-uuid", `/webhooks/${FAKE}/deliveries`]) {
      await expectError(await request.get(`/api/v1${path}`, { headers: bearer(keys().all.key) }), 404, "NOT_FOUND");
    }
    await expectError(await post(request, `/webhooks/${FAKE}/test`, {}), 404, "NOT_FOUND");
    await expectError(await post(request, `/webhooks/${hook.id}/deliveries/${FAKE}/redeliver`, {}), 404, "NOT_FOUND");
    await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key) });
  });

  test("scopes: webhooks:read reads, webhooks:write writes, other keys and sessions without them are 403", async ({ request }) => {
    const hook = (await (await post(request, "/webhooks", { url: "https://hooks.example.com/s", events: ["*"] })).json()).data;
    const reader = await newKey(request, ["webhooks:read"]);
    const other = keys().personsRead.key;
    expect((await request.get("/api/v1/webhooks", { headers: bearer(reader) })).status()).toBe(200);
    for (const [method, path] of [["POST", "/webhooks"], ["PATCH", `/webhooks/${hook.id}`], ["DELETE", `/webhooks/${hook.id}`], ["POST", `/webhooks/${hook.id}/rotate-secret`], ["POST", `/webhooks/${hook.id}/test`], ["POST", `/webhooks/${hook.id}/deliveries/${FAKE}/redeliver`]] as const) {
      const e = await expectError(await request.fetch(`/api/v1${path}`, { method, headers: bearer(reader), data: method === "POST" && path === "/webhooks" ? { url: "https://x.example.com/", events: ["*"] } : {} }), 403, "FORBIDDEN");
      expect(e.details.requiredScope).toBe("webhooks:write");
    }
    for (const path of ["/webhooks", `/webhooks/${hook.id}`, `/webhooks/${hook.id}/deliveries`]) {
      expect((await expectError(await request.get(`/api/v1${path}`, { headers: bearer(other) }), 403, "FORBIDDEN")).details.requiredScope).toBe("webhooks:read");
    }
    await expectError(await request.get("/api/v1/webhooks"), 401, "UNAUTHENTICATED");
    await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key) });
  });

  test("an instance-restricted key sees and manages only its instances' webhooks, and gets only their events", async ({ request }) => {
    const [mine, theirs] = [await instance(request), await instance(request)];
    const restricted = await newKey(request, ["webhooks:*", "persons:*"], [mine]);
    const global = (await (await post(request, "/webhooks", { url: "https://hooks.example.com/g", events: ["*"] })).json()).data;
    const other = (await (await post(request, "/webhooks", { url: "https://hooks.example.com/o", events: ["*"], instanceIds: [theirs] })).json()).data;
    const created = await post(request, "/webhooks", { url: rx.url, events: ["person.create"] }, restricted);
    expect(created.status()).toBe(201);
    const own = (await created.json()).data;
    expect(own.instanceIds).toEqual([mine]);
    const listed = (await (await request.get("/api/v1/webhooks?limit=200", { headers: bearer(restricted) })).json()).items.map((w: { id: string }) => w.id);
    expect(listed).toEqual([own.id]);
    for (const id of [global.id, other.id]) {
      await expectError(await request.get(`/api/v1/webhooks/${id}`, { headers: bearer(restricted) }), 404, "NOT_FOUND");
      await expectError(await request.patch(`/api/v1/webhooks/${id}`, { headers: bearer(restricted), data: { disabled: true } }), 404, "NOT_FOUND");
      await expectError(await request.delete(`/api/v1/webhooks/${id}`, { headers: bearer(restricted) }), 404, "NOT_FOUND");
      await expectError(await post(request, `/webhooks/${id}/test`, {}, restricted), 404, "NOT_FOUND");
      await expectError(await request.get(`/api/v1/webhooks/${id}/deliveries`, { headers: bearer(restricted) }), 404, "NOT_FOUND");
    }
    await expectError(await post(request, "/webhooks", { url: rx.url, events: ["*"], instanceIds: [theirs] }, restricted), 403, "FORBIDDEN");
    await expectError(await request.patch(`/api/v1/webhooks/${own.id}`, { headers: bearer(restricted), data: { instanceIds: null } }), 403, "FORBIDDEN");
    // events: only its instances'
    const onMine = await person(request, mine);
    const onTheirs = await person(request, theirs);
    await expect.poll(() => rx.received.some((r) => r.body.includes(onMine)), { timeout: 15_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(rx.received.some((r) => r.body.includes(onTheirs))).toBe(false);
    for (const id of [own.id, global.id, other.id]) await request.delete(`/api/v1/webhooks/${id}`, { headers: bearer(keys().all.key) });
  });
});
