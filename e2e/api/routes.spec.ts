// /api/v1/routes over HTTP: every endpoint, each auth / scope / instance case, bad input, unknown ids.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { createKey } from "../support/admin-cli";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { count, jsonColumn, sql } from "../support/db";

const GHOST = "00000000-0000-4000-8000-000000000000";
const uniq = () => Math.random().toString(36).slice(2, 8);

type World = {
  instA: string; instB: string; chatA: string; chatA2: string; chatB: string; personA: string;
  agent1: string; agent2: string; agentDefault: string; restricted: { id: string; key: string };
};
let w: World;

async function makePerson(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post("/api/v1/persons", { headers: bearer(keys().all.key), data: { displayName: name } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}

test.beforeAll(async ({ request }) => {
  const h = bearer(keys().all.key);
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/v1/${path}`, { headers: h, data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).data.id as string;
  };
  const agent1 = await post("agents", { name: "Routes Sales", provider: "anthropic" });
  const agent2 = await post("agents", { name: "Routes Support", provider: "openai" });
  const agentDefault = await post("agents", { name: "Routes Default", provider: "anthropic" });
  const instA = await post("instances", { name: `routes-a-${uniq()}`, channel: "whatsapp" });
  const instB = await post("instances", { name: `routes-b-${uniq()}`, channel: "telegram" });
  const chatA = await post("chats", { instanceId: instA, externalId: `a-${uniq()}`, title: "API ops", type: "group" });
  const chatA2 = await post("chats", { instanceId: instA, externalId: `a-${uniq()}`, title: "API billing", type: "group" });
  const chatB = await post("chats", { instanceId: instB, externalId: `b-${uniq()}`, title: "API other", type: "dm" });
  const personA = await makePerson(request, `API Person ${uniq()}`);
  const restricted = createKey("e2e routes only A", "routes:*", ["--instances", instA]);
  w = { instA, instB, chatA, chatA2, chatB, personA, agent1, agent2, agentDefault, restricted };
});

const all = () => bearer(keys().all.key);
const chatBody = (over: Record<string, unknown> = {}) => ({ instanceId: w.instA, scope: "chat", chatId: w.chatA, agentId: w.agent1, ...over });

async function create(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/v1/routes", { headers: all(), data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data;
}

test.describe("POST /routes", () => {
  test("creates a route with every option; 201 with the route; audited", async ({ request }) => {
    const auditBefore = await count("AuditEvent", `"action" = 'route.create'`);
    const body = chatBody({
      chatId: w.chatA2, timeout: 30, stream: true, prefixSender: true, waitMedia: true, sendMediaPath: true, gate: true,
      gateModel: "haiku", gatePrompt: "Only billing", replyFilterMode: "filtered", label: `api full ${uniq()}`, priority: 4, active: false,
    });
    const r = await create(request, body);
    expect(r).toMatchObject({ ...body, id: expect.stringMatching(/^[0-9a-f-]{36}$/), personId: null });
    expect(r).toMatchObject({ chat: { id: w.chatA2, title: "API billing" }, agent: { id: w.agent1, name: "Routes Sales" } });
    expect(new Date(r.createdAt).toISOString()).toBe(r.createdAt);
    const after = await count("AuditEvent", `"action" = 'route.create'`);
    expect(after).toBe(auditBefore + 1);
    const minimal = await create(request, { instanceId: w.instA, scope: "user", personId: w.personA, agentId: w.agent2 });
    expect(minimal).toMatchObject({ priority: 0, active: true, stream: false, gate: false, replyFilterMode: "all", timeout: null, label: null });
  });

  test("malformed and invalid bodies are 400 with field messages, and nothing is written", async ({ request }) => {
    const before = await count("AgentRoute");
    const audit = await count("AuditEvent");
    await expectError(await request.post("/api/v1/routes", { headers: { ...all(), "Content-Type": "application/json" }, data: "{nope" }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/routes", { headers: all(), data: [] }), 400, "VALIDATION_ERROR");
    const noChat = await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ chatId: undefined }) }), 400, "VALIDATION_ERROR");
    expect(noChat.details.fields).toEqual({ chatId: [expect.stringMatching(/required when scope is chat/)] });
    const noPerson = await expectError(await request.post("/api/v1/routes", { headers: all(), data: { instanceId: w.instA, scope: "user", agentId: w.agent1, chatId: w.chatA } }), 400, "VALIDATION_ERROR");
    expect(Object.keys(noPerson.details.fields as object).sort()).toEqual(["chatId", "personId"]);
    const bad = await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ scope: "room", priority: 1.5, timeout: -1, replyFilterMode: "x", color: "red" }) }), 400, "VALIDATION_ERROR");
    expect(Object.keys(bad.details.fields as object)).toEqual(expect.arrayContaining(["scope", "priority", "timeout", "replyFilterMode"]));
    const otherInstanceChat = await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ chatId: w.chatB }) }), 400, "VALIDATION_ERROR");
    expect(otherInstanceChat.details.fields).toHaveProperty("chatId");
    expect(await count("AgentRoute")).toBe(before);
    expect(await count("AuditEvent")).toBe(audit);
  });

  test("unknown instance, chat, person or agent is a 404 and writes nothing", async ({ request }) => {
    const before = await count("AgentRoute");
    await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ agentId: GHOST }) }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ chatId: GHOST }) }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes", { headers: all(), data: chatBody({ instanceId: GHOST }) }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes", { headers: all(), data: { instanceId: w.instA, scope: "user", personId: GHOST, agentId: w.agent1 } }), 404, "NOT_FOUND");
    expect(await count("AgentRoute")).toBe(before);
  });

  test("auth: no key 401, routes:read 403 naming routes:write, restricted key 403 on another instance", async ({ request }) => {
    const before = await count("AgentRoute");
    await expectError(await request.post("/api/v1/routes", { data: chatBody() }), 401, "UNAUTHENTICATED");
    const e = await expectError(await request.post("/api/v1/routes", { headers: bearer(keys().routesRead.key), data: chatBody() }), 403, "FORBIDDEN");
    expect(e.details).toEqual({ requiredScope: "routes:write" });
    await expectError(await request.post("/api/v1/routes", { headers: bearer(w.restricted.key), data: chatBody({ instanceId: w.instB, chatId: w.chatB }) }), 403, "FORBIDDEN");
    expect(await count("AgentRoute")).toBe(before);
    const ok = await request.post("/api/v1/routes", { headers: bearer(w.restricted.key), data: chatBody({ label: "by restricted key" }) });
    expect(ok.status()).toBe(201);
  });
});

test.describe("GET /routes", () => {
  test("lists with filters and cursor pagination", async ({ request }) => {
    const tag = `list-${uniq()}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await create(request, chatBody({ label: `${tag} ${i}`, priority: i, active: i !== 1 })));
    const user = await create(request, { instanceId: w.instA, scope: "user", personId: w.personA, agentId: w.agent2, label: `${tag} user` });

    const get = async (qs: string, key = keys().all.key) => {
      const res = await request.get(`/api/v1/routes?${qs}`, { headers: bearer(key) });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as { items: { id: string; priority: number }[]; nextCursor: string | null; total?: number };
    };
    const byLabel = await get(`q=${tag}&limit=200`);
    expect(byLabel.items.map((r) => r.id).sort()).toEqual([...made.map((m) => m.id), user.id].sort());
    expect((await get(`q=${tag}&scope=user`)).items.map((r) => r.id)).toEqual([user.id]);
    expect((await get(`q=${tag}&active=false`)).items.map((r) => r.id)).toEqual([made[1].id]);
    expect((await get(`q=${tag}&agent=${w.agent2}`)).items.map((r) => r.id)).toEqual([user.id]);
    expect((await get(`q=${tag}&instance=${w.instB}`)).items).toEqual([]);
    expect((await get(`q=${tag}&instance=${w.instA}&count=true`)).total).toBe(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`q=${tag}&limit=1&sort=priority&order=asc${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);

    // routes:read is enough; the restricted key sees only its instance
    expect((await get(`q=${tag}`, keys().routesRead.key)).items).toHaveLength(4);
    const bRoute = await create(request, chatBody({ instanceId: w.instB, chatId: w.chatB, label: `${tag} on B` }));
    const seenByRestricted = await get(`q=${tag}&limit=200`, w.restricted.key);
    expect(seenByRestricted.items.map((r) => r.id)).not.toContain(bRoute.id);
    expect(seenByRestricted.items).toHaveLength(4);
  });

  test("bad filters are a 400; no key 401; a key without routes:read 403", async ({ request }) => {
    await expectError(await request.get("/api/v1/routes?active=maybe", { headers: all() }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/routes?scope=group", { headers: all() }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/routes?limit=201", { headers: all() }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/routes?instance=nope", { headers: all() }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/routes"), 401, "UNAUTHENTICATED");
    const e = await expectError(await request.get("/api/v1/routes", { headers: bearer(keys().instancesRead.key) }), 403, "FORBIDDEN");
    expect(e.details).toEqual({ requiredScope: "routes:read" });
  });
});

test.describe("GET / PATCH / DELETE /routes/:id", () => {
  test("get, patch any subset (audited before/after), delete (audited), then 404", async ({ request }) => {
    const r = await create(request, chatBody({ label: "patch me" }));
    const got = await request.get(`/api/v1/routes/${r.id}`, { headers: bearer(keys().routesRead.key) });
    expect(got.status()).toBe(200);
    expect((await got.json()).data).toMatchObject({ id: r.id, label: "patch me" });

    const patched = await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { priority: 9, active: false, label: null } });
    expect(patched.status(), await patched.text()).toBe(200);
    expect((await patched.json()).data).toMatchObject({ id: r.id, priority: 9, active: false, label: null, chatId: w.chatA });
    const [ev] = await sql<{ before: unknown; after: unknown }>(`SELECT "before", "after" FROM "AuditEvent" WHERE "targetId" = ? AND "action" = 'route.update'`, [r.id]);
    expect(jsonColumn(ev.before)).toMatchObject({ label: "patch me", priority: 0, active: true });
    expect(jsonColumn(ev.after)).toMatchObject({ label: null, priority: 9, active: false });

    const switched = await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { scope: "user", personId: w.personA } });
    expect((await switched.json()).data).toMatchObject({ scope: "user", chatId: null, personId: w.personA });

    const del = await request.delete(`/api/v1/routes/${r.id}`, { headers: all() });
    expect(del.status()).toBe(200);
    expect(await del.json()).toEqual({ data: { id: r.id, deleted: true } });
    expect(await count("AuditEvent", `"targetId" = ? AND "action" = 'route.delete'`, [r.id])).toBe(1);
    await expectError(await request.get(`/api/v1/routes/${r.id}`, { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.delete(`/api/v1/routes/${r.id}`, { headers: all() }), 404, "NOT_FOUND");
  });

  test("unknown and malformed ids are 404", async ({ request }) => {
    for (const id of [GHOST, "not-a-uuid"]) {
      await expectError(await request.get(`/api/v1/routes/${id}`, { headers: all() }), 404, "NOT_FOUND");
      await expectError(await request.patch(`/api/v1/routes/${id}`, { headers: all(), data: { label: "x" } }), 404, "NOT_FOUND");
      await expectError(await request.delete(`/api/v1/routes/${id}`, { headers: all() }), 404, "NOT_FOUND");
    }
  });

  test("bad PATCH bodies are a 400 and change nothing", async ({ request }) => {
    const r = await create(request, chatBody({ label: "keep" }));
    const audit = await count("AuditEvent");
    await expectError(await request.patch(`/api/v1/routes/${r.id}`, { headers: { ...all(), "Content-Type": "application/json" }, data: "{" }), 400, "VALIDATION_ERROR");
    await expectError(await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { priority: "high" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { nope: 1 } }), 400, "VALIDATION_ERROR");
    const scope = await expectError(await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { scope: "user" } }), 400, "VALIDATION_ERROR");
    expect(scope.details.fields).toHaveProperty("personId");
    await expectError(await request.patch(`/api/v1/routes/${r.id}`, { headers: all(), data: { agentId: GHOST } }), 404, "NOT_FOUND");
    expect(await count("AuditEvent")).toBe(audit);
    expect((await (await request.get(`/api/v1/routes/${r.id}`, { headers: all() })).json()).data).toMatchObject({ label: "keep", scope: "chat" });
  });

  test("scopes and the instance restriction: read-only 403 on writes, other instance 404, moving to it 403", async ({ request }) => {
    const onA = await create(request, chatBody({ label: "on A" }));
    const onB = await create(request, chatBody({ instanceId: w.instB, chatId: w.chatB, label: "on B" }));
    const reader = bearer(keys().routesRead.key);
    expect((await expectError(await request.patch(`/api/v1/routes/${onA.id}`, { headers: reader, data: { label: "x" } }), 403, "FORBIDDEN")).details).toEqual({ requiredScope: "routes:write" });
    await expectError(await request.delete(`/api/v1/routes/${onA.id}`, { headers: reader }), 403, "FORBIDDEN");
    await expectError(await request.get(`/api/v1/routes/${onA.id}`, { headers: bearer(keys().instancesRead.key) }), 403, "FORBIDDEN");
    await expectError(await request.get(`/api/v1/routes/${onA.id}`), 401, "UNAUTHENTICATED");

    const rk = bearer(w.restricted.key);
    await expectError(await request.get(`/api/v1/routes/${onB.id}`, { headers: rk }), 404, "NOT_FOUND");
    await expectError(await request.patch(`/api/v1/routes/${onB.id}`, { headers: rk, data: { label: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.delete(`/api/v1/routes/${onB.id}`, { headers: rk }), 404, "NOT_FOUND");
    await expectError(await request.patch(`/api/v1/routes/${onA.id}`, { headers: rk, data: { instanceId: w.instB, chatId: w.chatB } }), 403, "FORBIDDEN");
    expect((await (await request.get(`/api/v1/routes/${onB.id}`, { headers: all() })).json()).data.label).toBe("on B");
    const mine = await request.patch(`/api/v1/routes/${onA.id}`, { headers: rk, data: { label: "mine" } });
    expect(mine.status()).toBe(200);
  });
});

test.describe("POST /routes/test and GET /routes/metrics", () => {
  test("answers uncompressed and uncacheable, even to a client asking for gzip (the hub's per-message hot path)", async ({ request }) => {
    const res = await request.post("/api/v1/routes/test", {
      headers: { ...bearer(keys().routesRead.key), "Accept-Encoding": "gzip, deflate, br" },
      data: { instanceId: w.instA, chatId: w.chatA, personId: w.personA },
    });
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()["content-encoding"]).toBeUndefined();
    expect(res.headers()["cache-control"]).toMatch(/no-store/);
    expect(res.headers()["cache-control"]).toMatch(/no-transform/);
  });

  test("explains the resolution; a change is visible to the very next test; metrics move", async ({ request }) => {
    const h = all();
    const inst = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `routes-t-${uniq()}`, channel: "slack", defaultAgentId: w.agentDefault } })).json()).data.id;
    const chat = (await (await request.post("/api/v1/chats", { headers: h, data: { instanceId: inst, externalId: `t-${uniq()}`, title: "Tester", type: "group" } })).json()).data.id;
    const person = await makePerson(request, `Tester ${uniq()}`);
    const body = { instanceId: inst, chatId: chat, personId: person };
    const test_ = async () => {
      const res = await request.post("/api/v1/routes/test", { headers: bearer(keys().routesRead.key), data: body });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()).data;
    };
    const m0 = (await (await request.get("/api/v1/routes/metrics", { headers: bearer(keys().routesRead.key) })).json()).data;

    expect(await test_()).toMatchObject({ source: "instanceDefault", route: null, agent: { id: w.agentDefault }, candidates: [], cached: false });
    expect((await test_()).cached).toBe(true);

    const user = await create(request, { instanceId: inst, scope: "user", personId: person, agentId: w.agent2, label: "user route" });
    const chatR = await create(request, { instanceId: inst, scope: "chat", chatId: chat, agentId: w.agent1, label: "chat route" });
    const r = await test_();
    expect(r).toMatchObject({ source: "chat", route: { id: chatR.id }, agent: { id: w.agent1 }, cached: false });
    expect(r.candidates).toEqual([
      expect.objectContaining({ routeId: chatR.id, scope: "chat", priority: 0, active: true, chosen: true, reason: expect.any(String) }),
      expect.objectContaining({ routeId: user.id, scope: "user", priority: 0, active: true, chosen: false, reason: expect.stringMatching(/precedence/) }),
    ]);

    await request.patch(`/api/v1/routes/${chatR.id}`, { headers: h, data: { active: false } });
    expect(await test_()).toMatchObject({ source: "user", route: { id: user.id }, agent: { id: w.agent2 }, cached: false });

    const tie = await create(request, { instanceId: inst, scope: "user", personId: person, agentId: w.agent1, label: "tie" });
    const tied = await test_();
    expect(tied.route.id).toBe(tie.id);
    expect(tied.tie).toMatchObject({ scope: "user", priority: 0, routeIds: [tie.id, user.id] });
    expect(tied.warnings[0].kind).toBe("tie");

    const m1 = (await (await request.get("/api/v1/routes/metrics", { headers: bearer(keys().routesRead.key) })).json()).data;
    expect(m1).toMatchObject({ hits: expect.any(Number), misses: expect.any(Number), hitRate: expect.any(Number), size: expect.any(Number), invalidations: expect.any(Number), p50Ms: expect.any(Number), p99Ms: expect.any(Number) });
    expect(m1.hits).toBeGreaterThan(m0.hits);
    expect(m1.misses).toBeGreaterThanOrEqual(m0.misses + 4);
    expect(m1.invalidations).toBeGreaterThan(m0.invalidations);
    expect(Array.isArray(m1.series)).toBe(true);
  });

  test("test: bad bodies 400, unknown ids 404, scopes 401/403, restricted key 403 on another instance", async ({ request }) => {
    const h = all();
    await expectError(await request.post("/api/v1/routes/test", { headers: { ...h, "Content-Type": "application/json" }, data: "{" }), 400, "VALIDATION_ERROR");
    const e = await expectError(await request.post("/api/v1/routes/test", { headers: h, data: { chatId: "x" } }), 400, "VALIDATION_ERROR");
    expect(Object.keys(e.details.fields as object).sort()).toEqual(["chatId", "instanceId"]);
    await expectError(await request.post("/api/v1/routes/test", { headers: h, data: { instanceId: GHOST } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes/test", { headers: h, data: { instanceId: w.instA, chatId: GHOST } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes/test", { headers: h, data: { instanceId: w.instA, chatId: w.chatB } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes/test", { headers: h, data: { instanceId: w.instA, personId: GHOST } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/routes/test", { data: { instanceId: w.instA } }), 401, "UNAUTHENTICATED");
    await expectError(await request.post("/api/v1/routes/test", { headers: bearer(keys().instancesRead.key), data: { instanceId: w.instA } }), 403, "FORBIDDEN");
    await expectError(await request.post("/api/v1/routes/test", { headers: bearer(w.restricted.key), data: { instanceId: w.instB, chatId: w.chatB } }), 403, "FORBIDDEN");
    const mine = await request.post("/api/v1/routes/test", { headers: bearer(w.restricted.key), data: { instanceId: w.instA, chatId: w.chatA } });
    expect(mine.status()).toBe(200);
  });

  test("metrics: 401 without a key, 403 without routes:read", async ({ request }) => {
    await expectError(await request.get("/api/v1/routes/metrics"), 401, "UNAUTHENTICATED");
    await expectError(await request.get("/api/v1/routes/metrics", { headers: bearer(keys().instancesRead.key) }), 403, "FORBIDDEN");
    const ok = await request.get("/api/v1/routes/metrics", { headers: bearer(w.restricted.key) });
    expect(ok.status()).toBe(200);
  });
});
