import http from "node:http";
import { test, expect } from "@playwright/test";
import { createKey } from "../support/admin-cli";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { count, onPostgres, sql } from "../support/db";

test.describe("public endpoints", () => {
  test("GET /info answers without a key", async ({ request }) => {
    const res = await request.get("/api/v1/info");
    expect(res.status()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ name: "Omni Admin", database: onPostgres() ? "postgresql" : "sqlite", authModes: expect.arrayContaining(["apiKey", "session"]) });
    expect(data.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("GET /health reports the database", async ({ request }) => {
    const res = await request.get("/api/v1/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ data: { status: "ok", db: "ok" } });
  });

  test("X-Request-Id is echoed, or made up when absent", async ({ request }) => {
    const echoed = await request.get("/api/v1/info", { headers: { "X-Request-Id": "req-123" } });
    expect(echoed.headers()["x-request-id"]).toBe("req-123");
    const fresh = await request.get("/api/v1/info");
    expect(fresh.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("small JSON bodies go uncompressed, large ones gzipped; the length hint never leaves", async ({ request }) => {
    const gzip = { "Accept-Encoding": "gzip" };
    // under 1,400 bytes (one TCP segment): a fresh zlib stream per request cost CPU and saved no packet
    for (const res of [await request.get("/api/v1/info", { headers: gzip }), await request.get("/api/v1/persons", { headers: gzip })]) {
      expect([200, 401]).toContain(res.status());
      expect(res.headers()["content-encoding"], res.url()).toBeUndefined();
      expect(res.headers()["x-omni-body-bytes"]).toBeUndefined();
      expect(res.headers()["content-type"]).toMatch(/^application\/json/);
    }
    // tens of KiB: still gzipped for a client that accepts it, and as-is for one that does not
    const big = await request.get("/api/v1/openapi.json", { headers: gzip });
    expect(big.headers()["content-encoding"]).toBe("gzip");
    expect(big.headers()["x-omni-body-bytes"]).toBeUndefined();
    expect((await big.json()).openapi).toMatch(/^3\./);
    const plain = await request.get("/api/v1/openapi.json", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    // pages are still compressed
    const page = await request.get("/login", { headers: gzip });
    expect(page.status()).toBe(200);
    expect(page.headers()["content-encoding"]).toBe("gzip");
  });

  test("a keep-alive connection idle for 6 s is still the server's to reuse", async () => {
    // Node's default keepAliveTimeout (5 s) had the server close a connection a client was just
    // reusing after a pause: ECONNRESET (CI, e2e/ui/audit.spec.ts). The server keeps idle
    // connections for 65 s (scripts/lib/http-server.ts).
    test.setTimeout(20_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.get(`http://localhost:${process.env.E2E_PORT || "3100"}/api/v1/health`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on("error", reject);
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  test("unknown paths under /api/v1 are a JSON 404", async ({ request }) => {
    await expectError(await request.get("/api/v1/no-such-thing"), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/nested/unknown/path", { data: {} }), 404, "NOT_FOUND");
  });
});

test.describe("authentication", () => {
  test("auth/status names the key and its scopes", async ({ request }) => {
    const { all, routesRead } = keys();
    const res = await request.get("/api/v1/auth/status", { headers: bearer(routesRead.key) });
    expect(res.status()).toBe(200);
    expect((await res.json()).data).toEqual({
      type: "apiKey", id: routesRead.id, name: "e2e routes reader", scopes: ["routes:read"], instanceIds: null,
    });
    const h = res.headers();
    expect(Number(h["x-ratelimit-limit"])).toBeGreaterThan(0);
    expect(Number(h["x-ratelimit-remaining"])).toBeGreaterThanOrEqual(0);
    expect(Number(h["x-ratelimit-reset"])).toBeGreaterThan(0);
    const allRes = await request.get("/api/v1/auth/status", { headers: bearer(all.key) });
    expect((await allRes.json()).data.scopes).toEqual(["*"]);
  });

  test("no key is a 401", async ({ request }) => {
    const e = await expectError(await request.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/missing/i);
  });

  test("a malformed Authorization header is a 401", async ({ request }) => {
    await expectError(await request.get("/api/v1/auth/status", { headers: { Authorization: "Basic abc" } }), 401, "UNAUTHENTICATED");
  });

  test("an unknown key is a 401 that does not echo the key", async ({ request }) => {
    const fake = "omni_sk_" + "x".repeat(43);
    const res = await request.get("/api/v1/auth/status", { headers: bearer(fake) });
    const e = await expectError(res, 401, "UNAUTHENTICATED");
    expect(JSON.stringify(e)).not.toContain(fake);
  });

  test("a revoked key is a 401 saying so", async ({ request }) => {
    const k = createKey("to revoke", "*");
    await sql(`UPDATE "ApiKey" SET "status" = 'revoked', "revokedAt" = ? WHERE "id" = ?`, [new Date(), k.id]);
    const e = await expectError(await request.get("/api/v1/auth/status", { headers: bearer(k.key) }), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/revoked/i);
  });

  test("an expired key is a 401 saying so", async ({ request }) => {
    const k = createKey("to expire", "*");
    await sql(`UPDATE "ApiKey" SET "expiresAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 1000), k.id]);
    const e = await expectError(await request.get("/api/v1/auth/status", { headers: bearer(k.key) }), 401, "UNAUTHENTICATED");
    expect(e.message).toMatch(/expired/i);
  });

  test("a missing scope is a 403 naming it", async ({ request }) => {
    const { routesRead } = keys();
    const e = await expectError(await request.get("/api/v1/instances", { headers: bearer(routesRead.key) }), 403, "FORBIDDEN");
    expect(e.details.requiredScope).toBe("instances:read");
  });

  test("over the per-minute limit is a 429 with Retry-After", async ({ request }) => {
    const { tiny } = keys();
    for (let i = 0; i < 3; i++) {
      const r = await request.get("/api/v1/auth/status", { headers: bearer(tiny.key) });
      expect(r.status()).toBe(200);
      expect(r.headers()["x-ratelimit-remaining"]).toBe(String(2 - i));
    }
    const res = await request.get("/api/v1/auth/status", { headers: bearer(tiny.key) });
    const e = await expectError(res, 429, "RATE_LIMITED");
    const retry = Number(res.headers()["retry-after"]);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(e.details.retryAfter).toBe(retry);
  });

  test("a browser session is accepted, with the role's scopes", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: ".tmp/e2e/state-viewer.json" });
    const res = await ctx.request.get("/api/v1/auth/status");
    expect(res.status()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ type: "session", name: "viewer@e2e.test" });
    expect(data.scopes).toContain("routes:read");
    expect(data.scopes).not.toContain("keys:read");
    await expectError(await ctx.request.post("/api/v1/agents", { data: { name: "x", provider: "y" } }), 403, "FORBIDDEN");
    await ctx.close();
  });
});

test.describe("instances, agents, chats", () => {
  test("create and read them; instance-restricted keys see only theirs", async ({ request }) => {
    const { all } = keys();
    const h = bearer(all.key);
    const agent = await request.post("/api/v1/agents", { headers: h, data: { name: "API Agent", provider: "openai", model: "gpt-4.1" } });
    expect(agent.status()).toBe(201);
    const agentId = (await agent.json()).data.id;

    const a = await request.post("/api/v1/instances", { headers: h, data: { name: "api-wa", channel: "whatsapp", defaultAgentId: agentId } });
    expect(a.status()).toBe(201);
    const inst = (await a.json()).data;
    expect(inst).toMatchObject({ name: "api-wa", channel: "whatsapp", defaultAgentId: agentId });
    expect(inst.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(inst.createdAt).toISOString()).toBe(inst.createdAt);
    const b = (await (await request.post("/api/v1/instances", { headers: h, data: { name: "api-tg", channel: "telegram" } })).json()).data;

    const patched = await request.patch(`/api/v1/instances/${b.id}`, { headers: h, data: { defaultAgentId: agentId } });
    expect((await patched.json()).data.defaultAgentId).toBe(agentId);

    const chat = await request.post("/api/v1/chats", { headers: h, data: { instanceId: inst.id, externalId: "5511999@s.whatsapp.net", title: "Maria", type: "dm" } });
    expect(chat.status()).toBe(201);
    await expectError(await request.post("/api/v1/chats", { headers: h, data: { instanceId: inst.id, externalId: "5511999@s.whatsapp.net", type: "dm" } }), 409, "CONFLICT");

    const listed = await (await request.get(`/api/v1/chats?instance=${inst.id}&q=Maria`, { headers: h })).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.nextCursor).toBeNull();

    const restricted = createKey("only wa", "*", ["--instances", inst.id]);
    const rh = bearer(restricted.key);
    const seen = await (await request.get("/api/v1/instances?limit=200", { headers: rh })).json();
    expect(seen.items.map((i: { id: string }) => i.id)).toEqual([inst.id]);
    await expectError(await request.get(`/api/v1/instances/${b.id}`, { headers: rh }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/chats", { headers: rh, data: { instanceId: b.id, externalId: "1", type: "dm" } }), 403, "FORBIDDEN");
  });

  test("pagination walks every item once", async ({ request }) => {
    const h = bearer(keys().all.key);
    for (let i = 0; i < 5; i++) await request.post("/api/v1/agents", { headers: h, data: { name: `Pager ${i}`, provider: "p" } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await request.get(`/api/v1/agents?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: h });
      const body: { items: { id: string }[]; nextCursor: string | null } = await res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  test("bad input is a 400 and writes nothing", async ({ request }) => {
    const h = bearer(keys().all.key);
    const before = await count("Instance");
    const malformed = await request.post("/api/v1/instances", { headers: { ...h, "Content-Type": "application/json" }, data: "{not json" });
    await expectError(malformed, 400, "VALIDATION_ERROR");
    const unknownField = await expectError(await request.post("/api/v1/instances", { headers: h, data: { name: "x", channel: "whatsapp", color: "red" } }), 400, "VALIDATION_ERROR");
    expect(Object.keys(unknownField.details.fields as object).join()).toMatch(/color|_/);
    const badChannel = await expectError(await request.post("/api/v1/instances", { headers: h, data: { name: "x", channel: "pigeon" } }), 400, "VALIDATION_ERROR");
    expect(badChannel.details.fields).toHaveProperty("channel");
    await expectError(await request.post("/api/v1/instances", { headers: h, data: [] }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/instances?limit=0", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/instances?limit=201", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/instances/not-a-uuid", { headers: h }), 404, "NOT_FOUND");
    await expectError(await request.get("/api/v1/instances/00000000-0000-4000-8000-000000000000", { headers: h }), 404, "NOT_FOUND");
    const huge = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10), channel: "sms" });
    await expectError(await request.post("/api/v1/instances", { headers: { ...h, "Content-Type": "application/json" }, data: huge }), 413, "PAYLOAD_TOO_LARGE");
    expect(await count("Instance")).toBe(before);
  });
});
