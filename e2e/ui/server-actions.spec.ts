// Server actions called directly, not through the UI. An admin starts a real action in the
// browser; the request it sends (POST with `Next-Action`) is held back, so the server never sees
// it, and replayed: (a) with the admin's cookie from another site -> 403, nothing changed;
// (b) with a viewer's and (c) a lead's session -> refused by the action wrapper (FORBIDDEN),
// nothing changed; (d) with the admin's session from the app's own origin -> done (the control:
// the same bytes do work when they should). State is read back over the HTTP API.
import { type APIRequestContext, type APIResponse, type Page, type Route } from "@playwright/test";
import { test as base, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";
import { expectError } from "../support/api";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

const EVIL = "https://evil.example";

const test = base.extend<{ viewer: APIRequestContext; lead: APIRequestContext; origin: string }>({
  origin: async ({ baseURL }, provide) => provide(new URL(baseURL!).origin),
  viewer: async ({ playwright, baseURL }, provide) => {
    const ctx = await playwright.request.newContext({ baseURL, storageState: storageState("viewer") });
    await provide(ctx);
    await ctx.dispose();
  },
  lead: async ({ playwright, baseURL }, provide) => {
    const ctx = await playwright.request.newContext({ baseURL, storageState: storageState("lead") });
    await provide(ctx);
    await ctx.dispose();
  },
});
test.use({ storageState: storageState("admin") });

type Held = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Runs `trigger` (a click in the UI) and holds back the server-action request it sends whose
 * body contains `marker`: the request is captured and aborted, so only the replays reach the
 * server. Other requests pass.
 */
async function holdAction(page: Page, marker: string, trigger: () => Promise<unknown>): Promise<Held> {
  let resolve!: (h: Held) => void;
  const held = new Promise<Held>((r) => (resolve = r));
  const handler = async (route: Route) => {
    const req = route.request();
    const body = req.postDataBuffer();
    if (req.method() === "POST" && req.headers()["next-action"] && body?.toString("utf8").includes(marker)) {
      resolve({ url: req.url(), headers: await req.allHeaders(), body });
      await route.abort();
    } else {
      await route.fallback();
    }
  };
  await page.route("**/*", handler);
  try {
    await trigger();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no server action carrying "${marker}" was sent`)), 10_000));
    return await Promise.race([held, timeout]);
  } finally {
    await page.unroute("**/*", handler);
  }
}

/** The held request again, byte for byte, from `ctx` (whose cookies it carries), with `extra` headers. */
function replay(ctx: APIRequestContext, held: Held, extra: Record<string, string>): Promise<APIResponse> {
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
  const headers = Object.fromEntries(keep.filter((k) => held.headers[k] !== undefined).map((k) => [k, held.headers[k]]));
  return ctx.post(held.url, { headers: { ...headers, ...extra }, data: held.body, maxRedirects: 0 });
}

type Result = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; error: string };

/** The action's return value out of the RSC (flight) response: row 0 names the row holding it. */
function actionResult(flight: string): Result {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m && !rows.has(m[1])) rows.set(m[1], m[2]);
  }
  const head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
  const ref = typeof head?.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : null;
  const row = ref ? rows.get(ref) : undefined;
  if (!row || !row.startsWith("{")) throw new Error(`no action result in the response:\n${flight.slice(0, 2000)}`);
  return JSON.parse(row) as Result;
}

async function expectRefused(res: APIResponse, code = "FORBIDDEN") {
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/x-component");
  const r = actionResult(text);
  expect(r, text).toMatchObject({ ok: false, code });
  return r;
}

async function expectDone(res: APIResponse) {
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  const r = actionResult(text);
  expect(r, text).toMatchObject({ ok: true });
  return (r as Extract<Result, { ok: true }>).data;
}

/** (a)-(c): every refused replay, checked against the server's state after each. */
async function expectAllRefused(page: Page, held: Held, who: { viewer: APIRequestContext; lead: APIRequestContext; origin: string }, unchanged: () => Promise<void>) {
  expect(held.headers["origin"], "the browser names the app as the origin").toBe(who.origin);
  await expectError(await replay(page.request, held, { origin: EVIL }), 403, "FORBIDDEN");
  await unchanged();
  await expectError(await replay(page.request, held, { "sec-fetch-site": "cross-site" }), 403, "FORBIDDEN");
  await unchanged();
  await expectRefused(await replay(who.viewer, held, { origin: who.origin }));
  await unchanged();
  await expectRefused(await replay(who.lead, held, { origin: who.origin }));
  await unchanged();
}

/** Every item of an /api/v1 list, following the cursor. */
async function listAll<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(`${path}?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers: all() });
    expect(res.status(), await res.text()).toBe(200);
    const page = (await res.json()) as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function apiPost(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/v1/${path}`, { headers: all(), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string };
}

test("create an instance: refused cross-site and for viewer and lead, done for the admin", async ({ page, request, viewer, lead, origin }) => {
  const name = `sa-instance-${uniq()}`;
  const named = async () => (await listAll<{ id: string; name: string; channel: string }>(request, "/api/v1/instances")).find((i) => i.name === name);

  await page.goto("/instances");
  await page.getByRole("button", { name: "New instance" }).click();
  const dialog = page.getByRole("dialog", { name: "New instance" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Channel").selectOption("telegram");
  const held = await holdAction(page, name, () => dialog.getByRole("button", { name: "Create instance" }).click());

  await expectAllRefused(page, held, { viewer, lead, origin }, async () => expect(await named()).toBeUndefined());
  // The same action as a no-JavaScript form post from another site (no Next-Action header).
  const form = await page.request.post(held.url, {
    headers: { origin: EVIL },
    multipart: { [`$ACTION_ID_${held.headers["next-action"]}`]: "", name, channel: "telegram" },
    maxRedirects: 0,
  });
  await expectError(form, 403, "FORBIDDEN");
  expect(await named()).toBeUndefined();

  const done = await expectDone(await replay(page.request, held, { origin }));
  expect(await named()).toMatchObject({ id: done.id, channel: "telegram" });
});

test("issue an API key and revoke one: refused cross-site and for viewer and lead, done for the admin", async ({ page, request, viewer, lead, origin }) => {
  const name = `sa-key-${uniq()}`;
  const named = async () => (await listAll<{ id: string; name: string }>(request, "/api/v1/keys")).filter((k) => k.name === name);

  await page.goto("/keys");
  await page.getByRole("button", { name: "New API key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByRole("checkbox", { name: "keys:write" }).check();
  const create = await holdAction(page, name, () => dialog.getByRole("button", { name: "Create key" }).click());

  await expectAllRefused(page, create, { viewer, lead, origin }, async () => expect(await named()).toEqual([]));

  const issued = await expectDone(await replay(page.request, create, { origin }));
  expect(issued.key).toMatch(/^omni_sk_/);
  expect(await named()).toEqual([expect.objectContaining({ id: issued.id })]);

  // Revoke a key through its row menu.
  const victim = `sa-victim-${uniq()}`;
  const made = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: victim, scopes: ["routes:read"] } });
  expect(made.status()).toBe(201);
  const { id, key } = (await made.json()).data as { id: string; key: string };
  const status = async () => ((await (await request.get(`/api/v1/keys/${id}`, { headers: all() })).json()).data.status as string);
  const works = async () => (await request.get("/api/v1/routes", { headers: bearer(key) })).status();

  await page.goto("/keys");
  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: victim });
  await row.getByRole("button", { name: `Actions for ${victim}` }).click();
  await page.getByRole("menuitem", { name: "Revoke…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke ${victim}?` });
  const reason = `replayed revoke ${uniq()}`;
  await confirm.getByLabel("Reason").fill(reason);
  const revoke = await holdAction(page, reason, () => confirm.getByRole("button", { name: "Revoke key" }).click());

  await expectAllRefused(page, revoke, { viewer, lead, origin }, async () => {
    expect(await status()).toBe("active");
    expect(await works()).toBe(200);
  });

  await expectDone(await replay(page.request, revoke, { origin }));
  expect(await status()).toBe("revoked");
  expect(await works()).toBe(401);
});

test("edit and delete a route: refused cross-site and for viewer and lead, done for the admin", async ({ page, request, viewer, lead, origin }) => {
  const tag = uniq();
  const agent = await apiPost(request, "agents", { name: `sa-agent-${tag}`, provider: "anthropic" });
  const inst = await apiPost(request, "instances", { name: `sa-routes-${tag}`, channel: "whatsapp" });
  const chat = await apiPost(request, "chats", { instanceId: inst.id, externalId: `sa-${tag}@g.us`, title: `sa chat ${tag}`, type: "group" });
  const label = `sa-route-${tag}`;
  const route = await apiPost(request, "routes", { instanceId: inst.id, scope: "chat", chatId: chat.id, agentId: agent.id, label });
  const current = async () => {
    const res = await request.get(`/api/v1/routes/${route.id}`, { headers: all() });
    return res.status() === 200 ? ((await res.json()).data as { label: string }) : null;
  };
  const open = async () => {
    await page.goto(`/routes?instance=${inst.id}`);
    await expect(page.getByRole("table", { name: "Routes" }).getByText(label, { exact: true })).toBeVisible();
  };

  // Edit: the action takes the route id as a separate argument.
  await open();
  await page.getByRole("button", { name: `Edit “${label}”` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit route" });
  const renamed = `${label}-renamed`;
  await dialog.getByLabel("Label").fill(renamed);
  const edit = await holdAction(page, renamed, () => dialog.getByRole("button", { name: "Save changes" }).click());
  expect(edit.body.toString("utf8")).toContain(route.id);

  await expectAllRefused(page, edit, { viewer, lead, origin }, async () => expect((await current())?.label).toBe(label));
  // An id that is not one is a validation error, not a failure on the server's side.
  const badId = { ...edit, body: Buffer.from(edit.body.toString("utf8").replace(route.id, "not-a-route-id")) };
  await expectRefused(await replay(page.request, badId, { origin }), "VALIDATION_ERROR");
  expect((await current())?.label).toBe(label);

  await expectDone(await replay(page.request, edit, { origin }));
  expect((await current())?.label).toBe(renamed);

  // Delete, behind its confirmation.
  await page.goto(`/routes?instance=${inst.id}`);
  await page.getByRole("button", { name: `Delete “${renamed}”` }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this route?" });
  const del = await holdAction(page, route.id, () => confirm.getByRole("button", { name: "Delete route" }).click());

  await expectAllRefused(page, del, { viewer, lead, origin }, async () => expect(await current()).not.toBeNull());

  expect(await expectDone(await replay(page.request, del, { origin }))).toMatchObject({ id: route.id, deleted: true });
  expect(await current()).toBeNull();
});

test("merge two persons: refused cross-site and for viewer and lead, done for the admin", async ({ page, request, viewer, lead, origin }) => {
  const tag = uniq();
  await ensureInstances(request);
  const source = await createPerson(request, { displayName: `SA Source ${tag}`, identities: [{ channel: "wa" }] });
  const target = await createPerson(request, { displayName: `SA Target ${tag}`, identities: [{ channel: "tg" }] });
  const exists = async (id: string) => (await request.get(`/api/v1/persons/${id}`, { headers: all() })).status();

  await page.goto(`/persons/merge?source=${source.id}&target=${target.id}`);
  await expect(page.getByRole("region", { name: "Merge preview" })).toBeVisible();
  const reason = `replayed merge ${tag}`;
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Merge persons" }).click();
  const confirm = page.getByRole("alertdialog");
  const merge = await holdAction(page, reason, () => confirm.getByRole("button", { name: "Merge" }).click());

  await expectAllRefused(page, merge, { viewer, lead, origin }, async () => {
    expect(await exists(source.id)).toBe(200);
    expect(await exists(target.id)).toBe(200);
  });

  expect(await expectDone(await replay(page.request, merge, { origin }))).toMatchObject({ personId: target.id, moved: 1 });
  expect(await exists(source.id)).toBe(404);
});

test("revert a merge: refused cross-site and for a viewer; a lead may (the product's rule)", async ({ page, request, viewer, lead, origin }) => {
  const tag = uniq();
  await ensureInstances(request);
  const source = await createPerson(request, { displayName: `SA Undo ${tag}`, identities: [{ channel: "wa" }] });
  const target = await createPerson(request, { displayName: `SA Keep ${tag}` });
  const merged = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: source.id, targetId: target.id, reason: `to revert ${tag}` } });
  expect(merged.status(), await merged.text()).toBe(200);
  const eventId = (await merged.json()).data.auditEventId as string;
  const sourceBack = async () => (await request.get(`/api/v1/persons/${source.id}`, { headers: all() })).status();

  await page.goto(`/audit/${eventId}`);
  await page.getByRole("button", { name: "Revert" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Revert this change?" });
  const reason = `replayed revert ${tag}`;
  await dialog.getByLabel("Reason").fill(reason);
  const revert = await holdAction(page, reason, () => dialog.getByRole("button", { name: "Revert" }).click());

  expect(revert.headers["origin"]).toBe(origin);
  await expectError(await replay(page.request, revert, { origin: EVIL }), 403, "FORBIDDEN");
  await expectRefused(await replay(viewer, revert, { origin }));
  expect(await sourceBack()).toBe(404);

  // Leads review merges and may undo them (lib/audit/revert-event.ts canRevert).
  await expectDone(await replay(lead, revert, { origin }));
  expect(await sourceBack()).toBe(200);
});
