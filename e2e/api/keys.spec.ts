import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { databaseContains, sql } from "../support/db";

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
const uniq = () => Math.random().toString(36).slice(2, 8);

async function newKey(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: `e2e-${uniq()}`, ...body } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string; key: string; prefix: string; scopes: string[]; status: string };
}

const rawKeysSeen: string[] = [];

test.describe("keys API", () => {
  test("the script key of the issue: reads routes of one instance, 60/min, expiring next month", async ({ request }) => {
    const h = bearer(keys().all.key);
    const inst = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `keys-${uniq()}`, channel: "whatsapp" } })).json()).data;
    const other = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `keys-${uniq()}`, channel: "telegram" } })).json()).data;
    const expiresAt = inFuture(30 * 86_400_000);
    const res = await request.post("/api/v1/keys", {
      headers: h,
      data: { name: "routes script", description: "nightly export", scopes: ["routes:read"], instanceIds: [inst.id], rateLimit: 60, expiresAt },
    });
    expect(res.status()).toBe(201);
    const { data } = await res.json();
    rawKeysSeen.push(data.key);
    expect(data).toMatchObject({
      name: "routes script", scopes: ["routes:read"], instanceIds: [inst.id], rateLimit: 60, status: "active",
      expiresAt: new Date(expiresAt).toISOString(), usageCount: 0, lastUsedAt: null,
    });
    expect(data.key).toMatch(/^omni_sk_[A-Za-z0-9_-]{32,}$/);
    expect(data.prefix).toBe(data.key.slice(0, 16));
    expect(data).not.toHaveProperty("keyHash");

    const status = await request.get("/api/v1/auth/status", { headers: bearer(data.key) });
    expect(status.status()).toBe(200);
    expect(status.headers()["x-ratelimit-limit"]).toBe("60");
    await expectError(await request.get(`/api/v1/instances/${other.id}`, { headers: bearer(data.key) }), 403, "FORBIDDEN");
    // GET /keys/:id never shows the raw key again
    const got = (await (await request.get(`/api/v1/keys/${data.id}`, { headers: h })).json()).data;
    expect(got.key).toBeUndefined();
    expect(got.prefix).toBe(data.prefix);

    // take it back in one call, effective immediately
    const rev = await request.post(`/api/v1/keys/${data.id}/revoke`, { headers: h, data: { reason: "script retired" } });
    expect(rev.status()).toBe(200);
    expect((await rev.json()).data).toMatchObject({ status: "revoked", revokeReason: "script retired", revokedBy: "e2e all" });
    const e = await expectError(await request.get("/api/v1/auth/status", { headers: bearer(data.key) }), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/revoked/i);
    // still listed, under revoked
    const revoked = (await (await request.get("/api/v1/keys?status=revoked&limit=200", { headers: h })).json()).items;
    expect(revoked.map((k: { id: string }) => k.id)).toContain(data.id);
    const active = (await (await request.get("/api/v1/keys?status=active&limit=200", { headers: h })).json()).items;
    expect(active.map((k: { id: string }) => k.id)).not.toContain(data.id);
  });

  test("list paginates with a cursor; bad queries and bodies are 400", async ({ request }) => {
    const h = bearer(keys().all.key);
    for (let i = 0; i < 3; i++) await newKey(request, { scopes: ["agents:read"] });
    const p1 = await (await request.get("/api/v1/keys?limit=2", { headers: h })).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = await (await request.get(`/api/v1/keys?limit=2&cursor=${p1.nextCursor}`, { headers: h })).json();
    expect(p2.items[0].id).not.toBe(p1.items[1].id);
    await expectError(await request.get("/api/v1/keys?status=sleeping", { headers: h }), 400, "VALIDATION_ERROR");
    const bad = await expectError(await request.post("/api/v1/keys", { headers: h, data: { name: "x", scopes: ["routes:fly"] } }), 400, "VALIDATION_ERROR");
    expect(Object.keys(bad.details.fields as object)).toContain("scopes.0");
    await expectError(await request.post("/api/v1/keys", { headers: h, data: { name: "x", scopes: ["*"], colour: "red" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/keys/not-a-uuid", { headers: h }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/keys/${crypto.randomUUID()}`, { headers: h }), 404, "NOT_FOUND");
  });

  test("a key cannot grant more than its caller has", async ({ request }) => {
    const creator = await newKey(request, { scopes: ["keys:*", "routes:read"] });
    rawKeysSeen.push(creator.key);
    const e = await expectError(
      await request.post("/api/v1/keys", { headers: bearer(creator.key), data: { name: "escalate", scopes: ["routes:write"] } }),
      403, "FORBIDDEN",
    );
    expect(e.message).toContain("routes:write");
    const ok = await request.post("/api/v1/keys", { headers: bearer(creator.key), data: { name: "fine", scopes: ["routes:read"] } });
    expect(ok.status()).toBe(201);
    const reader = await newKey(request, { scopes: ["keys:read"] });
    const denied = await expectError(await request.post("/api/v1/keys", { headers: bearer(reader.key), data: { name: "x", scopes: ["keys:read"] } }), 403, "FORBIDDEN");
    expect(denied.details.requiredScope).toBe("keys:write");
  });

  test("PATCH edits and clears; DELETE is permanent", async ({ request }) => {
    const h = bearer(keys().all.key);
    const inst = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `keys-${uniq()}`, channel: "slack" } })).json()).data;
    const k = await newKey(request, { scopes: ["routes:read"], instanceIds: [inst.id], expiresAt: inFuture(86_400_000), rateLimit: 10 });
    rawKeysSeen.push(k.key);
    const patched = await request.patch(`/api/v1/keys/${k.id}`, { headers: h, data: { name: "renamed", scopes: ["routes:*"], instanceIds: [], expiresAt: null, rateLimit: null } });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).data).toMatchObject({ name: "renamed", scopes: ["routes:*"], instanceIds: null, expiresAt: null, rateLimit: null });
    // effective at once for the key itself
    const st = (await (await request.get("/api/v1/auth/status", { headers: bearer(k.key) })).json()).data;
    expect(st).toMatchObject({ scopes: ["routes:*"], instanceIds: null, name: "renamed" });
    await expectError(await request.patch(`/api/v1/keys/${k.id}`, { headers: h, data: { expiresAt: "tomorrow" } }), 400, "VALIDATION_ERROR");

    const del = await request.delete(`/api/v1/keys/${k.id}`, { headers: h });
    expect(await del.json()).toEqual({ data: { id: k.id, deleted: true } });
    const e = await expectError(await request.get("/api/v1/auth/status", { headers: bearer(k.key) }), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/unknown/i);
    await expectError(await request.get(`/api/v1/keys/${k.id}`, { headers: h }), 404, "NOT_FOUND");
  });

  test("roll issues a replacement with the same settings; the old key stops", async ({ request }) => {
    const h = bearer(keys().all.key);
    const k = await newKey(request, { scopes: ["agents:read"], rateLimit: 33 });
    const res = await request.post(`/api/v1/keys/${k.id}/roll`, { headers: h, data: {} });
    expect(res.status()).toBe(201);
    const next = (await res.json()).data;
    rawKeysSeen.push(k.key, next.key);
    expect(next).toMatchObject({ scopes: ["agents:read"], rateLimit: 33, rolledFromId: k.id, status: "active" });
    expect((await request.get("/api/v1/agents", { headers: bearer(next.key) })).status()).toBe(200);
    await expectError(await request.get("/api/v1/agents", { headers: bearer(k.key) }), 401, "UNAUTHENTICATED");

    const g = await newKey(request, { scopes: ["agents:read"] });
    const graced = (await (await request.post(`/api/v1/keys/${g.id}/roll`, { headers: h, data: { gracePeriodSeconds: 3600 } })).json()).data;
    expect(graced.previous.status).toBe("active");
    expect((await request.get("/api/v1/agents", { headers: bearer(g.key) })).status()).toBe(200);
  });

  test("expired keys are listed as expired and fail saying so", async ({ request }) => {
    const h = bearer(keys().all.key);
    const k = await newKey(request, { scopes: ["*"], expiresAt: inFuture(60_000) });
    await sql(`UPDATE "ApiKey" SET "expiresAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 1000), k.id]);
    // the verification cache still holds nothing for this key, so the next call sees the expiry
    const e = await expectError(await request.get("/api/v1/auth/status", { headers: bearer(k.key) }), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/expired/i);
    const expired = (await (await request.get("/api/v1/keys?status=expired&limit=200", { headers: h })).json()).items;
    expect(expired.map((x: { id: string }) => x.id)).toContain(k.id);
  });

  test("usage: last used (the real address), count and requests per hour", async ({ request }) => {
    const h = bearer(keys().all.key);
    const k = await newKey(request, { scopes: ["agents:read"] });
    for (let i = 0; i < 3; i++) await request.get("/api/v1/agents", { headers: { ...bearer(k.key), "X-Forwarded-For": "203.0.113.9" } });
    const v = (await (await request.get(`/api/v1/keys/${k.id}`, { headers: h })).json()).data;
    expect(v).toMatchObject({ usageCount: 3 });
    expect(["127.0.0.1", "::1"]).toContain(v.lastUsedIp); // the TCP peer, not the client-sent X-Forwarded-For
    expect(Date.parse(v.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const u = (await (await request.get(`/api/v1/keys/${k.id}/usage`, { headers: h })).json()).data;
    expect(u.hours).toHaveLength(168);
    expect(u.total).toBe(3);
    expect(u.hours.at(-1).count).toBe(3);
  });
});

test.describe("rate limit", () => {
  test("the N+1st request in the window is a 429 with Retry-After, and the limit resets", async ({ request }) => {
    const k = await newKey(request, { scopes: ["agents:read"], rateLimit: 3 });
    for (let i = 0; i < 3; i++) {
      const r = await request.get("/api/v1/agents", { headers: bearer(k.key) });
      expect(r.status()).toBe(200);
      expect(r.headers()["x-ratelimit-limit"]).toBe("3");
    }
    const res = await request.get("/api/v1/agents", { headers: bearer(k.key) });
    const e = await expectError(res, 429, "RATE_LIMITED");
    const retry = Number(res.headers()["retry-after"]);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(5); // the e2e server's window (OMNI_RATE_WINDOW_SECONDS=5)
    expect(e.details.retryAfter).toBe(retry);
    expect(res.headers()["x-ratelimit-remaining"]).toBe("0");
    await new Promise((r) => setTimeout(r, retry * 1000 + 200));
    const after = await request.get("/api/v1/agents", { headers: bearer(k.key) });
    expect(after.status()).toBe(200);
    expect(after.headers()["x-ratelimit-remaining"]).toBe("2");
  });
});

test.describe("Idempotency-Key over HTTP", () => {
  test("a repeated POST /keys returns the first key and creates one", async ({ request }) => {
    const h = { ...bearer(keys().all.key), "Idempotency-Key": `e2e-${uniq()}` };
    const body = { name: `idem-${uniq()}`, scopes: ["chats:read"] };
    const a = await request.post("/api/v1/keys", { headers: h, data: body });
    const b = await request.post("/api/v1/keys", { headers: h, data: body });
    expect([a.status(), b.status()]).toEqual([201, 201]);
    const [ja, jb] = [await a.json(), await b.json()];
    rawKeysSeen.push(ja.data.key);
    expect(jb).toEqual(ja);
    expect(b.headers()["idempotent-replayed"]).toBe("true");
    const all = (await (await request.get("/api/v1/keys?limit=200", { headers: bearer(keys().all.key) })).json()).items;
    expect(all.filter((k: { name: string }) => k.name === body.name)).toHaveLength(1);
    const c = await request.post("/api/v1/keys", { headers: h, data: { ...body, name: "different" } });
    const e = await expectError(c, 409, "CONFLICT");
    expect(e.message).toMatch(/Idempotency-Key/);
  });
});

test.describe("secrets", () => {
  test("no raw key is in the database file or the audit log", async () => {
    expect(rawKeysSeen.length).toBeGreaterThan(3);
    for (const key of [...rawKeysSeen, ...Object.values(keys()).map((k) => k.key)]) {
      expect(await databaseContains(key)).toBe(false);
      // and not its secret part on its own either
      expect(await databaseContains(key.slice(16))).toBe(false);
    }
    const events = await sql(`SELECT * FROM "AuditEvent" WHERE "action" LIKE 'key.%'`);
    expect(events.length).toBeGreaterThan(5);
    const text = JSON.stringify(events);
    for (const key of rawKeysSeen) expect(text).not.toContain(key);
    expect(text).not.toMatch(/omni_sk_[A-Za-z0-9_-]{20,}/);
  });
});

test("validation errors speak plainly (one error map): a 101-character name, a fractional rate limit, a missing field", async ({ request }) => {
  const res = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: "n".repeat(101), scopes: ["routes:read"], rateLimit: 1.5 } });
  const err = await expectError(res, 400, "VALIDATION_ERROR");
  expect(err.details.fields).toEqual({ name: ["At most 100 characters."], rateLimit: ["Must be a whole number."] });
  const missing = await expectError(await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: "x" } }), 400, "VALIDATION_ERROR");
  expect(missing.details.fields).toEqual({ scopes: ["Required."] });
});
