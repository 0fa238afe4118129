// The instance dimension of the generated matrix, GENERATED from the endpoint registry
// (lib/openapi/endpoints.ts) like matrix.spec.ts: every endpoint × {own instance, other instance}
// for a key restricted to instance A (API.md "Instance restriction, completed").
//   own:   a fresh world of records on A (a person, identities, a chat, a route, a merge event, a
//          key restricted to A): answered as for an unrestricted key (2xx), unless the registry
//          says the restricted key gets something else (`restricted`, e.g. global records: 403).
//   other: a world on B: its ids are 404, a list filtered on B or a write naming B is 403, an
//          unfiltered list answers 200 without any of B's records.
// Never a 5xx; no 2xx answer to the key on A carries an id of B's world.
import { test, expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ENDPOINTS, type Endpoint } from "../../lib/openapi/endpoints";
import { bearer, keys } from "../support/env";

const uniq = () => Math.random().toString(36).slice(2, 8);
const FAKE_ID = "00000000-0000-4000-8000-00000000abce";

type World = {
  instance: string; agent: string; chat: string; route: string;
  /** persons[0] has identities[0] and [1], persons[1] has identities[2] */
  persons: [string, string]; identities: [string, string, string];
  /** a merge of two other persons of this world */
  event: string;
  /** a key restricted to this world's instance */
  key: string;
};

/** Records on one new instance, made with the unrestricted key. */
async function makeWorld(request: APIRequestContext, channel: string): Promise<World> {
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/v1${path}`, { headers: bearer(keys().all.key), data });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()).data;
  };
  const instance: string = (await post("/instances", { name: `mxi-${uniq()}`, channel })).id;
  const agent: string = (await post("/agents", { name: `mxi-${uniq()}`, provider: "openai" })).id;
  const chat: string = (await post("/chats", { instanceId: instance, externalId: `mxi-${uniq()}`, type: "dm" })).id;
  const route: string = (await post("/routes", { instanceId: instance, scope: "chat", chatId: chat, agentId: agent })).id;
  const identity = () => ({ instanceId: instance, platformUserId: `mxi-${uniq()}` });
  const person = (name: string, n = 1) => post("/persons", { displayName: name, identities: Array.from({ length: n }, identity) });
  const [p1, p2, p3, p4] = [await person("mxi one", 2), await person("mxi two"), await person("mxi three"), await person("mxi four")];
  const merge = await post("/persons/merge", { sourceId: p4.id, targetId: p3.id, reason: "matrix" });
  const key: string = (await post("/keys", { name: `mxi-${uniq()}`, scopes: ["routes:read"], instanceIds: [instance] })).id;
  return {
    instance, agent, chat, route, persons: [p1.id, p2.id], identities: [p1.identities[0].id, p1.identities[1].id, p2.identities[0].id],
    event: merge.auditEventId, key,
  };
}

/** The world's record for an endpoint's path id, by the path's first segment. */
const PATH_ID: Record<string, (w: World) => string> = {
  instances: (w) => w.instance, agents: (w) => w.agent, chats: (w) => w.chat, routes: (w) => w.route,
  persons: (w) => w.persons[0], identities: (w) => w.identities[0], audit: (w) => w.event, keys: (w) => w.key,
};
/** The world's record for an id field of an example body. */
const BODY_ID: Record<string, (w: World) => unknown> = {
  instanceId: (w) => w.instance, instanceIds: (w) => [w.instance], chatId: (w) => w.chat, agentId: (w) => w.agent, personId: (w) => w.persons[0],
  targetId: (w) => w.persons[0], sourceId: (w) => w.persons[1], identityA: (w) => w.identities[0], identityB: (w) => w.identities[2],
};
const globalRecords = new Set(["agents"]);

const firstSegment = (e: Endpoint) => e.path.split("/")[1];
const hasPathId = (e: Endpoint) => e.path.includes("{");
const isList = (e: Endpoint) => e.method === "GET" && !hasPathId(e) && e.success.kind === "list";
const instanceFilterOf = (e: Endpoint) => (e.query && "instance" in e.query.shape ? "instance" : null);
const hasFixture = (e: Endpoint) => !hasPathId(e) || firstSegment(e) in PATH_ID;

function bodyFor(e: Endpoint, w: World): unknown {
  if (!e.example || typeof e.example !== "object") return e.example;
  return Object.fromEntries(Object.entries(e.example).map(([k, v]) => [k, BODY_ID[k] ? BODY_ID[k](w) : v]));
}

/** Lists are asked for their longest page (200), so a leak cannot hide on a later page. */
async function send(request: APIRequestContext, e: Endpoint, key: string, w: World, filter = ""): Promise<APIResponse> {
  const id = PATH_ID[firstSegment(e)]?.(w) ?? FAKE_ID;
  const query = [isList(e) ? "limit=200" : "", filter].filter(Boolean).join("&");
  return request.fetch(`/api/v1${e.path.replace(/\{\w+\}/g, id)}${query ? `?${query}` : ""}`, {
    method: e.method,
    headers: bearer(key),
    ...(e.method === "GET" || (e.method === "DELETE" && !e.body) ? {} : { data: bodyFor(e, w) ?? {} }),
  });
}

/** Every id of a world that is its own (agents are global records, visible to all). */
const ownIds = (w: World) => [w.instance, w.chat, w.route, ...w.persons, ...w.identities, w.event, w.key];

// Session-only endpoints (/account) refuse every key (403, in the scope matrix): no instance dimension.
for (const e of ENDPOINTS.filter((x) => x.scope !== "public" && x.scope !== "session")) {
  test(`${e.method} ${e.path}: a key restricted to one instance`, async ({ request }) => {
    // Both worlds are new, so the other world's records are on the first page of every list.
    const own = await makeWorld(request, "whatsapp");
    const other = await makeWorld(request, "telegram");
    const created = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: `mxi caller ${uniq()}`, scopes: ["*"], instanceIds: [own.instance] } });
    expect(created.status()).toBe(201);
    const key: string = (await created.json()).data.key;
    const label = (where: string, res: APIResponse, text: string) => `${where}: ${res.status()} ${text.slice(0, 300)}`;
    const noLeak = async (where: string, res: APIResponse) => {
      const text = await res.text();
      expect.soft(res.status(), label(where, res, text)).toBeLessThan(500);
      if (res.ok()) for (const id of ownIds(other)) expect.soft(text, `${where}: answer carries ${id} of the other instance`).not.toContain(id);
      return text;
    };

    await test.step("own instance → answered normally", async () => {
      const filter = instanceFilterOf(e);
      const res = await send(request, e, key, own, filter ? `${filter}=${own.instance}` : "");
      const text = await noLeak("own", res);
      if (e.restricted) expect.soft(res.status(), label(`own: ${e.restricted.why}`, res, text)).toBe(e.restricted.status);
      else if (hasFixture(e)) expect.soft(res.ok(), label("own: a record on the key's instance", res, text)).toBe(true);
      else expect.soft([401, 403].includes(res.status()), label("own", res, text)).toBe(false);
    });

    await test.step("other instance → 404 / 403, never its data", async () => {
      const res = await send(request, e, key, other);
      const text = await noLeak("other", res);
      const expected =
        e.restricted ? e.restricted.status
        : hasPathId(e) && globalRecords.has(firstSegment(e)) ? 200
        : hasPathId(e) ? 404
        : isList(e) || !e.instanceBound ? 200
        : bodyFor(e, other) && typeof e.example === "object" && ("instanceId" in (e.example as object) || "instanceIds" in (e.example as object)) ? 403
        : 404; // a write naming records of the other instance (merge, link)
      expect.soft(res.status(), label("other", res, text)).toBe(expected);
      const filter = instanceFilterOf(e);
      if (filter) {
        const filtered = await send(request, e, key, other, `${filter}=${other.instance}`);
        const body = await noLeak("other, filtered", filtered);
        expect.soft(filtered.status(), label("a list filtered on the other instance", filtered, body)).toBe(403);
        if (filtered.status() === 403) expect.soft(JSON.parse(body).error.code).toBe("FORBIDDEN");
      }
    });
  });
}
