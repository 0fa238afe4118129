// The scope and restriction matrix, GENERATED from the endpoint registry (lib/openapi/endpoints.ts):
// every endpoint × {no key, unknown key, revoked, expired, missing scope, resource:*, *, other
// instance}. A new endpoint joins this matrix by being registered, and the registry test fails
// when a handler is not registered.
import { test, expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ENDPOINTS, type Endpoint } from "../../lib/openapi/endpoints";
import { bearer, keys } from "../support/env";
import { sql } from "../support/db";

const FAKE_ID = "00000000-0000-4000-8000-00000000abcd";
const UNKNOWN_KEY = "omni_sk_" + "Q".repeat(43);
const uniq = () => Math.random().toString(36).slice(2, 8);

type Fixtures = { a: { instanceId: string; byResource: Record<string, string> }; b: { instanceId: string } };
let fx: Fixtures;
const keyCache = new Map<string, string>();

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/v1${path}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()).data;
}

/** A key with these scopes (and restriction), made once through the API. */
async function keyWith(request: APIRequestContext, scopes: string[], instanceIds: string[] | null = null): Promise<string> {
  const id = `${scopes.join(",")}${instanceIds ? " (restricted)" : ""}`;
  if (!keyCache.has(id)) keyCache.set(id, (await post(request, "/keys", { name: `matrix ${id}`, scopes, instanceIds })).key);
  return keyCache.get(id)!;
}

test.beforeAll(async ({ request }) => {
  const a = await post(request, "/instances", { name: `matrix-a-${uniq()}`, channel: "whatsapp" });
  const b = await post(request, "/instances", { name: `matrix-b-${uniq()}`, channel: "telegram" });
  const chat = await post(request, "/chats", { instanceId: a.id, externalId: `m-${uniq()}`, type: "dm" });
  const byResource: Record<string, string> = { instances: a.id, chats: chat.id };
  if (ENDPOINTS.some((e) => e.method === "POST" && e.path === "/routes")) {
    const agent = await post(request, "/agents", { name: `matrix-${uniq()}`, provider: "openai" });
    byResource.routes = (await post(request, "/routes", { instanceId: a.id, scope: "chat", chatId: chat.id, agentId: agent.id })).id;
  }
  fx = { a: { instanceId: a.id, byResource }, b: { instanceId: b.id } };

  const revoked = await post(request, "/keys", { name: "matrix revoked", scopes: ["*"] });
  const rv = await request.post(`/api/v1/keys/${revoked.id}/revoke`, { headers: bearer(keys().all.key), data: { reason: "matrix" } });
  expect(rv.status()).toBe(200);
  keyCache.set("revoked", revoked.key);
  const expired = await post(request, "/keys", { name: "matrix expired", scopes: ["*"], expiresAt: new Date(Date.now() + 60_000).toISOString() });
  await sql(`UPDATE "ApiKey" SET "expiresAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 1000), expired.id]);
  keyCache.set("expired", expired.key);
});

const resourceOf = (scope: string) => scope.split(":")[0];
const firstSegment = (e: Endpoint) => e.path.split("/")[1];

/** The request for an endpoint: path ids (a fixture of instance A, or a random id), example body. */
function requestFor(e: Endpoint, useFixtures: boolean) {
  const fixture = useFixtures ? fx.a.byResource[firstSegment(e)] : undefined;
  const path = "/api/v1" + e.path.replace(/\{\w+\}/g, fixture ?? FAKE_ID);
  let body = e.example;
  if (useFixtures && body && typeof body === "object" && "instanceId" in body) body = { ...body, instanceId: fx.a.instanceId };
  if (useFixtures && body && typeof body === "object" && "instanceIds" in body) body = { ...body, instanceIds: [fx.a.instanceId] };
  return { path, body };
}

async function send(request: APIRequestContext, e: Endpoint, key: string | null, useFixtures = false): Promise<APIResponse> {
  const { path, body } = requestFor(e, useFixtures);
  return request.fetch(path, {
    method: e.method,
    headers: key ? bearer(key) : {},
    // a DELETE with a body (DELETE /persons/:id takes the erasure's reason) gets its example
    ...(e.method === "GET" || (e.method === "DELETE" && !e.body) ? {} : { data: body ?? {} }),
  });
}

async function expectStatus(res: APIResponse, status: number, label: string) {
  expect.soft(res.status(), `${label}: ${(await res.text()).slice(0, 300)}`).toBe(status);
}
async function expectAuthorized(res: APIResponse, label: string) {
  const s = res.status();
  expect.soft([401, 403].includes(s) || s >= 500, `${label}: got ${s} ${(await res.text()).slice(0, 300)}`).toBe(false);
}
async function expect401(res: APIResponse, word: RegExp, label: string) {
  await expectStatus(res, 401, label);
  if (res.status() === 401) expect.soft((await res.json()).error.message, label).toMatch(word);
}

for (const e of ENDPOINTS) {
  test(`${e.method} ${e.path} [${e.scope}]`, async ({ request }) => {
    if (e.scope === "public") {
      for (const [label, key] of [["no key", null], ["unknown key", UNKNOWN_KEY]] as const) {
        const res = await send(request, e, key);
        expect.soft(res.status(), label).toBeLessThan(400);
      }
      return;
    }
    await test.step("no key → 401", async () => expect401(await send(request, e, null), /missing/i, "no key"));
    await test.step("unknown key → 401", async () => expect401(await send(request, e, UNKNOWN_KEY), /unknown/i, "unknown key"));
    await test.step("revoked → 401", async () => expect401(await send(request, e, keyCache.get("revoked")!), /revoked/i, "revoked"));
    await test.step("expired → 401", async () => expect401(await send(request, e, keyCache.get("expired")!), /expired/i, "expired"));

    if (e.scope === "authenticated") {
      await test.step("any scope → 200", async () => expectAuthorized(await send(request, e, await keyWith(request, ["agents:read"])), "any scope"));
      return;
    }
    if (e.scope === "session") {
      await test.step("any API key, even * → 403 (sessions only)", async () => {
        for (const key of [keys().all.key, await keyWith(request, ["agents:read"])]) await expectStatus(await send(request, e, key), 403, "API key on a session-only endpoint");
      });
      return;
    }
    const resource = resourceOf(e.scope);
    await test.step("missing scope → 403 naming it", async () => {
      const other = resource === "agents" ? ["chats:read"] : ["agents:read"];
      const res = await send(request, e, await keyWith(request, other));
      await expectStatus(res, 403, "missing scope");
      if (res.status() === 403) expect.soft((await res.json()).error.details.requiredScope).toBe(e.scope);
      if (e.scope.endsWith(":write")) {
        const readOnly = await send(request, e, await keyWith(request, [`${resource}:read`]));
        await expectStatus(readOnly, 403, "read-only key on a write endpoint");
      }
    });
    if (e.grantNeeds) {
      await test.step(`${resource}:* alone → 403 (${e.grantNeeds.why})`, async () => expectStatus(await send(request, e, await keyWith(request, [`${resource}:*`])), 403, `${resource}:* without ${e.grantNeeds!.scopes.join(" ")}`));
    }
    await test.step(`${resource}:* → allowed`, async () => expectAuthorized(await send(request, e, await keyWith(request, [`${resource}:*`, ...(e.grantNeeds?.scopes ?? [])])), `${resource}:*`));
    for (const alt of e.alsoAccepts ?? []) {
      await test.step(`${alt} → allowed too`, async () => expectAuthorized(await send(request, e, await keyWith(request, [alt])), alt));
    }
    await test.step("* → allowed", async () => expectAuthorized(await send(request, e, keys().all.key), "*"));
    await test.step("other instance", async () => {
      const restricted = await keyWith(request, ["*"], [fx.b.instanceId]);
      const res = await send(request, e, restricted, true);
      if (e.restricted) return expectStatus(res, e.restricted.status, `other instance: ${e.restricted.why}`);
      if (!e.instanceBound) return expectAuthorized(res, "other instance (not instance-bound)");
      const { body } = requestFor(e, true);
      if (e.method === "GET" && !e.path.includes("{")) {
        await expectStatus(res, 200, "other instance: list");
        expect.soft(await res.text(), "list leaks instance A").not.toContain(fx.a.instanceId);
      } else if (e.path.includes("{")) {
        await expectStatus(res, 404, "other instance: an id the key cannot see");
      } else if (body && typeof body === "object" && ("instanceId" in body || "instanceIds" in body)) {
        await expectStatus(res, 403, "other instance: a write naming an instance outside the restriction");
      } else await expectAuthorized(res, "other instance");
    });
  });
}
