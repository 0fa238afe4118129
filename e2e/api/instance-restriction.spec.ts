// A key restricted to instance A over HTTP (API.md "Instance restriction, completed", "Lists and
// search"): the audit trail of instance B, the unrestricted admin key and B's lists are out of
// its reach. (Every endpoint × own/other instance: matrix-instances.spec.ts.)
import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

async function restrictedKey(request: APIRequestContext, scopes: string[], instanceIds: string[]) {
  const res = await request.post("/api/v1/keys", { headers: all(), data: { name: `restricted ${uniq()}`, scopes, instanceIds } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string; key: string };
}

test.describe("a key restricted to instance A", () => {
  test("cannot list, read, export or revert the merge of two persons who exist only on B", async ({ request }) => {
    const { wa: A } = await ensureInstances(request);
    const src = await createPerson(request, { displayName: "Only on B", identities: [{ channel: "tg" }] });
    const tgt = await createPerson(request, { displayName: "Also only on B", identities: [{ channel: "tg" }] });
    const merged = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id } });
    expect(merged.status()).toBe(200);
    const eventId: string = (await merged.json()).data.auditEventId;
    const onA = bearer((await restrictedKey(request, ["audit:read", "persons:write"], [A])).key);

    const listed = await request.get(`/api/v1/audit?limit=200`, { headers: onA });
    expect(listed.status()).toBe(200);
    expect(await listed.text()).not.toContain(eventId);
    const byPerson = await request.get(`/api/v1/audit?personId=${tgt.id}`, { headers: onA });
    expect((await byPerson.json()).items).toEqual([]);
    for (const format of ["csv", "ndjson"]) {
      const exported = await request.get(`/api/v1/audit?format=${format}`, { headers: onA });
      expect(exported.status()).toBe(200);
      expect(await exported.text()).not.toContain(eventId);
    }
    await expectError(await request.get(`/api/v1/audit/${eventId}`, { headers: onA }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/audit/${eventId}/revert`, { headers: onA, data: {} }), 404, "NOT_FOUND");
    // still merged: the source is gone
    await expectError(await request.get(`/api/v1/persons/${src.id}`, { headers: all() }), 404, "NOT_FOUND");
    // the same merge on A is the key's to see and revert
    const a1 = await createPerson(request, { identities: [{ channel: "wa" }] });
    const a2 = await createPerson(request, { identities: [{ channel: "wa" }] });
    const mergedOnA = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: a1.id, targetId: a2.id } });
    const onAEvent: string = (await mergedOnA.json()).data.auditEventId;
    expect((await request.get(`/api/v1/audit/${onAEvent}`, { headers: onA })).status()).toBe(200);
    expect((await request.post(`/api/v1/audit/${onAEvent}/revert`, { headers: onA, data: {} })).status()).toBe(200);
  });

  test("with keys:write cannot revoke, roll, change, delete or read the unrestricted admin key (404), which keeps working", async ({ request }) => {
    const { wa: A } = await ensureInstances(request);
    const onA = bearer((await restrictedKey(request, ["keys:read", "keys:write"], [A])).key);
    const adminId = keys().all.id;
    await expectError(await request.post(`/api/v1/keys/${adminId}/revoke`, { headers: onA, data: { reason: "takeover" } }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/keys/${adminId}/roll`, { headers: onA, data: {} }), 404, "NOT_FOUND");
    await expectError(await request.patch(`/api/v1/keys/${adminId}`, { headers: onA, data: { description: "mine" } }), 404, "NOT_FOUND");
    await expectError(await request.delete(`/api/v1/keys/${adminId}`, { headers: onA }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/keys/${adminId}`, { headers: onA }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/keys/${adminId}/usage`, { headers: onA }), 404, "NOT_FOUND");
    const listed = await request.get("/api/v1/keys?limit=200", { headers: onA });
    expect(listed.status()).toBe(200);
    expect((await listed.json()).items.map((k: { id: string }) => k.id)).not.toContain(adminId);
    const status = await request.get("/api/v1/auth/status", { headers: all() });
    expect(status.status()).toBe(200);
    expect((await status.json()).data.id).toBe(adminId);
  });

  test("GET /routes?instance=<B> and GET /chats?instance=<B> are 403 FORBIDDEN", async ({ request }) => {
    const { wa: A, tg: B } = await ensureInstances(request);
    const onA = bearer((await restrictedKey(request, ["routes:read", "chats:read"], [A])).key);
    const routes = await expectError(await request.get(`/api/v1/routes?instance=${B}`, { headers: onA }), 403, "FORBIDDEN");
    expect(routes.details.instanceId).toBe(B);
    await expectError(await request.get(`/api/v1/chats?instance=${B}`, { headers: onA }), 403, "FORBIDDEN");
    expect((await request.get(`/api/v1/routes?instance=${A}`, { headers: onA })).status()).toBe(200);
    expect((await request.get(`/api/v1/chats?instance=${A}`, { headers: onA })).status()).toBe(200);
  });

  test("cannot create or change agents (403)", async ({ request }) => {
    const { wa: A } = await ensureInstances(request);
    const onA = bearer((await restrictedKey(request, ["agents:read", "agents:write"], [A])).key);
    await expectError(await request.post("/api/v1/agents", { headers: onA, data: { name: "x", provider: "openai" } }), 403, "FORBIDDEN");
    const agent = await request.post("/api/v1/agents", { headers: all(), data: { name: `global ${uniq()}`, provider: "openai" } });
    const agentId: string = (await agent.json()).data.id;
    await expectError(await request.patch(`/api/v1/agents/${agentId}`, { headers: onA, data: { description: "x" } }), 403, "FORBIDDEN");
    expect((await request.get(`/api/v1/agents/${agentId}`, { headers: onA })).status()).toBe(200);
  });
});
