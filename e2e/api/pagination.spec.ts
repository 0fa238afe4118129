// Keyset pagination over HTTP (contract: "Lists and search"): the cursor is opaque, survives the
// deletion of its own row, and anything that is not a cursor of that list is 400 on `cursor`.
// (Interleaved-write walks and the property test: tests/integration/keyset-pagination.test.ts.)
import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";

const uniq = () => Math.random().toString(36).slice(2, 8);
const admin = () => bearer(keys().all.key);
type Page = { items: { id: string }[]; nextCursor: string | null };

async function post(request: APIRequestContext, path: string, data: Record<string, unknown>) {
  const res = await request.post(`/api/v1${path}`, { headers: admin(), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string; key?: string };
}

async function list(request: APIRequestContext, path: string, h: Record<string, string>): Promise<Page> {
  const res = await request.get(`/api/v1${path}`, { headers: h });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function all(request: APIRequestContext, path: string, h: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(request, `${path}${path.includes("?") ? "&" : "?"}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, h);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

test.describe("keyset pagination", () => {
  test("GET /keys: deleting the cursor's own key does not end the list", async ({ request }) => {
    const inst = await post(request, "/instances", { name: `page-${uniq()}`, channel: "whatsapp" });
    for (let i = 0; i < 5; i++) await post(request, "/keys", { name: `page-${uniq()}`, scopes: ["routes:read"], instanceIds: [inst.id] });
    // a reader restricted to the fresh instance sees only these keys (and itself)
    const reader = bearer((await post(request, "/keys", { name: `reader-${uniq()}`, scopes: ["keys:read"], instanceIds: [inst.id] })).key!);
    const order = await all(request, "/keys", reader);
    expect(order.length).toBeGreaterThanOrEqual(5);
    const first = await list(request, "/keys?limit=2", reader);
    expect(first.items.map((k) => k.id)).toEqual(order.slice(0, 2));
    expect(first.nextCursor).not.toBe(order[1]); // opaque, not the last id
    expect((await request.delete(`/api/v1/keys/${order[1]}`, { headers: admin() })).status()).toBe(200);
    const second = await list(request, `/keys?limit=2&cursor=${first.nextCursor}`, reader);
    expect(second.items.map((k) => k.id)).toEqual(order.slice(2, 4));
    expect(second.nextCursor).toEqual(expect.any(String));
  });

  test("GET /instances: deleting the cursor's own instance does not end the list", async ({ request }) => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await post(request, "/instances", { name: `page-${uniq()}`, channel: "telegram" })).id);
    const reader = bearer((await post(request, "/keys", { name: `reader-${uniq()}`, scopes: ["instances:read"], instanceIds: made })).key!);
    const order = await all(request, "/instances", reader);
    expect(order.slice().sort()).toEqual(made.slice().sort());
    const first = await list(request, "/instances?limit=2", reader);
    expect((await request.delete(`/api/v1/instances/${order[1]}`, { headers: admin() })).status()).toBe(200);
    const second = await list(request, `/instances?limit=2&cursor=${first.nextCursor}`, reader);
    expect(second.items.map((i) => i.id)).toEqual(order.slice(2, 4));
  });

  test("anything but a cursor of that list is 400 VALIDATION_ERROR on cursor, on every list", async ({ request }) => {
    const keysCursor = (await list(request, "/keys?limit=1", admin())).nextCursor;
    expect(keysCursor).toEqual(expect.any(String));
    const lists = ["/persons", "/persons?q=someone", "/keys", "/keys?status=active", "/routes", "/routes?sort=priority", "/instances", "/agents", "/chats", "/audit", "/users"];
    for (const path of lists) {
      for (const cursor of ["zzz", "o2", crypto.randomUUID(), "%%%", "z".repeat(3000), ...(path.startsWith("/keys") ? [] : [keysCursor!])]) {
        const res = await request.get(`/api/v1${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}`, { headers: admin() });
        const err = await expectError(res, 400, "VALIDATION_ERROR");
        expect(Object.keys((err.details.fields ?? {}) as object), `${path} cursor=${cursor.slice(0, 20)}`).toContain("cursor");
      }
    }
    // a cursor from one ?sort= is refused by another
    const byPrio = await list(request, "/routes?sort=priority&limit=1", admin());
    if (byPrio.nextCursor) await expectError(await request.get(`/api/v1/routes?sort=label&cursor=${byPrio.nextCursor}`, { headers: admin() }), 400, "VALIDATION_ERROR");
  });
});
