// Concurrency contract over HTTP: single-resource GETs and write responses carry a strong ETag
// that changes with the JSON; PATCH and DELETE honour If-Match (stale → 412 PRECONDITION_FAILED,
// nothing changed; * matches any) for routes, persons, keys, instances, agents, users and webhooks.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";

const uniq = () => Math.random().toString(36).slice(2, 8);
const STRONG = /^"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"$/;

async function post(request: APIRequestContext, path: string, data: Record<string, unknown>) {
  const res = await request.post(`/api/v1${path}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string };
}

/** GET, PATCH with the tag (200, new tag = the next GET's), PATCH with the old tag (412, unchanged), PATCH with * (200). */
async function checkResource(request: APIRequestContext, url: string, edits: [Record<string, unknown>, Record<string, unknown>]) {
  const h = bearer(keys().all.key);
  const got = await request.get(url, { headers: h });
  expect(got.status()).toBe(200);
  const tag = got.headers()["etag"];
  expect(tag).toMatch(STRONG);
  expect((await request.get(url, { headers: h })).headers()["etag"]).toBe(tag); // stable

  const patched = await request.patch(url, { headers: { ...h, "If-Match": tag }, data: edits[0] });
  expect(patched.status(), await patched.text()).toBe(200);
  const newTag = patched.headers()["etag"];
  expect(newTag).toMatch(STRONG);
  expect(newTag).not.toBe(tag);
  const now = await request.get(url, { headers: h });
  expect(now.headers()["etag"]).toBe(newTag);
  const body = await now.text();

  const err = await expectError(await request.patch(url, { headers: { ...h, "If-Match": tag }, data: edits[1] }), 412, "PRECONDITION_FAILED");
  expect(err.details.etag).toBe(newTag);
  expect(await (await request.get(url, { headers: h })).text()).toBe(body); // nothing changed

  const weak = await request.patch(url, { headers: { ...h, "If-Match": `W/${newTag}` }, data: edits[1] });
  expect(weak.status()).toBe(412); // If-Match compares strongly
  const listed = await request.patch(url, { headers: { ...h, "If-Match": `${tag}, ${newTag}` }, data: edits[1] });
  expect(listed.status(), await listed.text()).toBe(200);
  const any = await request.patch(url, { headers: { ...h, "If-Match": "*" }, data: edits[0] });
  expect(any.status()).toBe(200);
  return { tag: any.headers()["etag"] };
}

test.describe("ETag / If-Match", () => {
  test("routes, persons, keys, instances, agents, users: PATCH", async ({ request }) => {
    const agent = await post(request, "/agents", { name: `etag-${uniq()}`, provider: "anthropic" });
    const inst = await post(request, "/instances", { name: `etag-${uniq()}`, channel: "whatsapp" });
    const person = await post(request, "/persons", { displayName: "Etag Person" });
    const route = await post(request, "/routes", { instanceId: inst.id, scope: "user", personId: person.id, agentId: agent.id });
    const key = await post(request, "/keys", { name: `etag-${uniq()}`, scopes: ["routes:read"] });
    const user = await post(request, "/users", { email: `etag-${uniq()}@example.com`, role: "viewer", password: "granite-otter-lantern-42" });
    await checkResource(request, `/api/v1/routes/${route.id}`, [{ priority: 3 }, { priority: 4 }]);
    await checkResource(request, `/api/v1/persons/${person.id}`, [{ displayName: "Etag A" }, { displayName: "Etag B" }]);
    await checkResource(request, `/api/v1/keys/${key.id}`, [{ rateLimit: 10 }, { rateLimit: 11 }]);
    await checkResource(request, `/api/v1/instances/${inst.id}`, [{ name: `etag-${uniq()}` }, { name: `etag-${uniq()}` }]);
    await checkResource(request, `/api/v1/agents/${agent.id}`, [{ description: "a" }, { description: "b" }]);
    await checkResource(request, `/api/v1/users/${user.id}`, [{ name: "A" }, { name: "B" }]);
  });

  test("webhooks: PATCH and DELETE honour If-Match; a write's tag is the next GET's", async ({ request }) => {
    const h = bearer(keys().all.key);
    // on a fresh instance and narrow events: no delivery (whose failure would move failingSince) meanwhile
    const inst = await post(request, "/instances", { name: `etag-${uniq()}`, channel: "slack" });
    const hook = await post(request, "/webhooks", { url: `https://hooks.example.com/${uniq()}`, events: ["route.*"], instanceIds: [inst.id] });
    const url = `/api/v1/webhooks/${hook.id}`;
    await checkResource(request, url, [{ description: "a" }, { description: "b" }]);
    const events = ["person.*"];
    const stale = (await request.get(url, { headers: h })).headers()["etag"];
    expect((await request.patch(url, { headers: h, data: { events } })).status()).toBe(200);
    await expectError(await request.patch(url, { headers: { ...h, "If-Match": stale }, data: { disabled: true } }), 412, "PRECONDITION_FAILED");
    await expectError(await request.delete(url, { headers: { ...h, "If-Match": stale } }), 412, "PRECONDITION_FAILED");
    await expectError(await request.delete(url, { headers: { ...h, "If-Match": "nonsense" } }), 412, "PRECONDITION_FAILED");
    const current = await request.get(url, { headers: h });
    expect(current.status()).toBe(200);
    expect((await current.json()).data).toMatchObject({ events, disabled: false });
    const del = await request.delete(url, { headers: { ...h, "If-Match": current.headers()["etag"] } });
    expect(del.status(), await del.text()).toBe(200);
    expect((await request.get(url, { headers: h })).status()).toBe(404);
    const other = await post(request, "/webhooks", { url: `https://hooks.example.com/${uniq()}`, events: ["route.*"], instanceIds: [inst.id] });
    expect((await request.delete(`/api/v1/webhooks/${other.id}`, { headers: { ...h, "If-Match": "*" } })).status()).toBe(200);
  });

  test("DELETE with a stale tag is 412 and keeps the resource; with the current one it deletes", async ({ request }) => {
    const h = bearer(keys().all.key);
    const agent = await post(request, "/agents", { name: `etag-${uniq()}`, provider: "anthropic" });
    const inst = await post(request, "/instances", { name: `etag-${uniq()}`, channel: "telegram" });
    const person = await post(request, "/persons", { displayName: "Etag Del" });
    const route = await post(request, "/routes", { instanceId: inst.id, scope: "user", personId: person.id, agentId: agent.id });
    const key = await post(request, "/keys", { name: `etag-${uniq()}`, scopes: ["routes:read"] });
    const user = await post(request, "/users", { email: `etag-${uniq()}@example.com`, role: "viewer", password: "granite-otter-lantern-42" });
    for (const [url, edit] of [
      [`/api/v1/routes/${route.id}`, { label: "x" }],
      [`/api/v1/keys/${key.id}`, { name: "x" }],
      [`/api/v1/users/${user.id}`, { name: "x" }],
      [`/api/v1/instances/${inst.id}`, { name: `etag-${uniq()}` }],
    ] as const) {
      const stale = (await request.get(url, { headers: h })).headers()["etag"];
      expect((await request.patch(url, { headers: h, data: edit })).status()).toBe(200);
      await expectError(await request.delete(url, { headers: { ...h, "If-Match": stale } }), 412, "PRECONDITION_FAILED");
      const current = await request.get(url, { headers: h });
      expect(current.status()).toBe(200);
      const del = await request.delete(url, { headers: { ...h, "If-Match": current.headers()["etag"] } });
      expect(del.status(), await del.text()).toBe(200);
      expect((await request.get(url, { headers: h })).status()).toBe(404);
    }
  });

  test("a tag that is not a tag (malformed If-Match) is 412, never a 500", async ({ request }) => {
    const h = bearer(keys().all.key);
    const agent = await post(request, "/agents", { name: `etag-${uniq()}`, provider: "anthropic" });
    for (const bad of ["nonsense", `"`, `"a.b`, ",,,", `"\u00e9.\u00e9"`]) {
      const res = await request.patch(`/api/v1/agents/${agent.id}`, { headers: { ...h, "If-Match": bad }, data: { description: "z" } });
      expect(res.status(), bad).toBe(412);
    }
  });
});
