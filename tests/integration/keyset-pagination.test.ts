// Lists that hold while the data changes (contract: "Lists and search"): writes interleaved
// between page requests never make a row that is present throughout appear twice or not at all.
// Each list is scoped to fresh instances (an instance-restricted reader sees only them), so the
// rows of other tests in the same database do not matter.
import { describe, expect, it } from "vitest";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { createInstance, deleteInstance, listInstances } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { updatePerson } from "@/lib/persons/update-person";
import { searchPersons } from "@/lib/persons/search-persons";
import { createApiKey } from "@/lib/keys/create-key";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { listApiKeys } from "@/lib/keys/list-keys";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { updateApiKey } from "@/lib/keys/update-key";
import { createRoute } from "@/lib/routes/create-route";
import { listRoutes } from "@/lib/routes/list-routes";
import { updateRoute } from "@/lib/routes/update-route";
import { parseInput } from "@/lib/schemas/parse";
import { personCreateSchema } from "@/lib/persons/schemas";
import { routeCreateSchema, routeListQuerySchema } from "@/lib/routes/schemas";
import { world } from "./routes-helpers";

const admin = systemPrincipal("keyset-test");
const uniq = () => Math.random().toString(36).slice(2, 8);
const reader = (instanceIds: string[]): Principal => ({ type: "apiKey", id: `r-${uniq()}`, name: "reader", scopes: ["*"], instanceIds });
type Page = { items: { id: string }[]; nextCursor: string | null };
const ids = (p: Page) => p.items.map((i) => i.id);

async function newInstance() {
  return createInstance(admin, { name: `ks-${uniq()}`, channel: "whatsapp", defaultAgentId: null });
}
const newPerson = (inst: string, name = `Keyset ${uniq()}`) =>
  createPerson(admin, parseInput(personCreateSchema, { displayName: name, identities: [{ instanceId: inst, platformUserId: `u-${uniq()}` }] }));
const newKey = (inst: string) => createApiKey(admin, { name: `ks-${uniq()}`, scopes: ["routes:read"], instanceIds: [inst] });

/** Every id of a list, walked with `limit` and no writes in between. */
async function walk(fetch: (cursor?: string) => Promise<Page>): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    all.push(...ids(page));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** A tiny deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Walks a list with random writes between pages; `mutate` returns the ids it took out of the list
 * (deleted, merged away, filtered out). Every row of the initial list that was never taken out
 * must be seen exactly once, and no row may be seen twice.
 */
async function walkWhileChanging(fetch: (cursor?: string) => Promise<Page>, mutate: (live: string[]) => Promise<string[]>) {
  const initial = await walk(fetch);
  const gone = new Set<string>();
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    seen.push(...ids(page));
    cursor = page.nextCursor ?? undefined;
    for (const id of await mutate(initial.filter((i) => !gone.has(i)))) gone.add(id);
    expect(++pages).toBeLessThan(500);
  } while (cursor);
  expect(new Set(seen).size, "no row twice").toBe(seen.length);
  const throughout = initial.filter((i) => !gone.has(i));
  expect(throughout.filter((i) => !seen.includes(i)), "rows present throughout but never seen").toEqual([]);
  expect(seen.filter((i) => throughout.includes(i)), "in list order").toEqual(throughout);
  return { initial, seen, gone };
}

describe("persons list (keyset)", () => {
  it("a person created between two pages neither repeats nor shifts the next page", async () => {
    const inst = await newInstance();
    for (let i = 0; i < 6; i++) await newPerson(inst.id);
    const p = reader([inst.id]);
    const order = await walk((cursor) => searchPersons(p, { limit: 50, cursor }));
    expect(order).toHaveLength(6);
    const first = await searchPersons(p, { limit: 2 });
    expect(ids(first)).toEqual(order.slice(0, 2));
    await newPerson(inst.id);
    const second = await searchPersons(p, { limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual(order.slice(2, 4));
  });

  it("a merge between two pages (the first page's row merged away) skips no survivor", async () => {
    const inst = await newInstance();
    for (let i = 0; i < 6; i++) await newPerson(inst.id);
    const p = reader([inst.id]);
    const order = await walk((cursor) => searchPersons(p, { limit: 50, cursor }));
    const first = await searchPersons(p, { limit: 2 });
    await mergePersons(admin, { sourceId: order[0], targetId: order[4] });
    // the cursor's own row merged away too
    await mergePersons(admin, { sourceId: order[1], targetId: order[5] });
    const rest = await walk((cursor) => searchPersons(p, { limit: 2, cursor: cursor ?? first.nextCursor! }));
    expect(rest).toEqual(order.slice(2));
  });

  it("holds under random creates, merges and renames between pages", async () => {
    for (const seed of [1, 2, 3]) {
      const inst = await newInstance();
      for (let i = 0; i < 14; i++) await newPerson(inst.id);
      const p = reader([inst.id]);
      const rand = rng(seed);
      await walkWhileChanging((cursor) => searchPersons(p, { limit: 3, cursor }), async (live) => {
        const gone: string[] = [];
        for (let n = Math.floor(rand() * 3); n >= 0; n--) {
          const r = rand();
          if (r < 0.35) await newPerson(inst.id);
          else if (r < 0.7 && live.length > 2) {
            const [src, dst] = [live[Math.floor(rand() * live.length)], live[Math.floor(rand() * live.length)]];
            if (src !== dst && !gone.includes(src) && !gone.includes(dst)) {
              await mergePersons(admin, { sourceId: src, targetId: dst });
              gone.push(src);
            }
          } else if (live.length) {
            const id = live[Math.floor(rand() * live.length)];
            if (!gone.includes(id)) await updatePerson(admin, id, { displayName: `Renamed ${uniq()}` });
          }
        }
        return gone;
      });
    }
  });

  it("a bad cursor (garbage, an old offset, another list's) is 400 on cursor", async () => {
    const inst = await newInstance();
    await newPerson(inst.id, `Cursorcheck ${uniq()}`);
    await newPerson(inst.id, `Cursorcheck ${uniq()}`);
    const p = reader([inst.id]);
    const keysCursor = (await listApiKeys(admin, { limit: 1 })).nextCursor;
    const searchCursor = (await searchPersons(p, { q: "cursorcheck", limit: 1 })).nextCursor;
    expect(searchCursor).toEqual(expect.any(String));
    for (const cursor of ["o2", "zzz", keysCursor ?? "x", searchCursor!]) {
      const e = await searchPersons(p, { limit: 2, cursor }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("VALIDATION_ERROR");
      expect((e as AppError).details?.fields).toHaveProperty("cursor");
    }
  });
});

describe("keys list (keyset)", () => {
  it("deleting the cursor's own key does not end the list", async () => {
    const inst = await newInstance();
    for (let i = 0; i < 5; i++) await newKey(inst.id);
    const p = reader([inst.id]);
    const order = await walk((cursor) => listApiKeys(p, { limit: 50, cursor }));
    const first = await listApiKeys(p, { limit: 2 });
    await deleteApiKey(admin, order[1]);
    const second = await listApiKeys(p, { limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual(order.slice(2, 4));
  });

  it("a key revoked out of ?status=active between pages skips nothing", async () => {
    const inst = await newInstance();
    for (let i = 0; i < 4; i++) await newKey(inst.id);
    const p = reader([inst.id]);
    const order = await walk((cursor) => listApiKeys(p, { limit: 50, cursor, status: "active" }));
    const first = await listApiKeys(p, { limit: 2, status: "active" });
    expect(ids(first)).toEqual(order.slice(0, 2));
    await revokeApiKey(admin, order[1]);
    const second = await listApiKeys(p, { limit: 2, status: "active", cursor: first.nextCursor! });
    expect(ids(second)).toEqual(order.slice(2, 4));
  });

  it("holds under random creates, deletes, revokes and renames between pages (?status=active)", async () => {
    for (const seed of [11, 12, 13]) {
      const inst = await newInstance();
      for (let i = 0; i < 14; i++) await newKey(inst.id);
      const p = reader([inst.id]);
      const rand = rng(seed);
      await walkWhileChanging((cursor) => listApiKeys(p, { limit: 3, cursor, status: "active" }), async (live) => {
        const gone: string[] = [];
        for (let n = Math.floor(rand() * 3); n >= 0; n--) {
          const r = rand();
          const id = live[Math.floor(rand() * live.length)];
          if (r < 0.3 || !id || gone.includes(id)) await newKey(inst.id);
          else if (r < 0.55) await deleteApiKey(admin, id).then(() => gone.push(id));
          else if (r < 0.8) await revokeApiKey(admin, id).then(() => gone.push(id));
          else await updateApiKey(admin, id, { name: `renamed-${uniq()}` });
        }
        return gone;
      });
    }
  });
});

describe("instances and routes (keyset)", () => {
  it("deleting the cursor's own instance does not end the list", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await newInstance());
    const p = reader(made.map((m) => m.id));
    const order = await walk((cursor) => listInstances(p, { limit: 50, cursor }));
    expect(order).toHaveLength(5);
    const first = await listInstances(p, { limit: 2 });
    await deleteInstance(admin, order[1]);
    expect(ids(await listInstances(p, { limit: 2, cursor: first.nextCursor! }))).toEqual(order.slice(2, 4));
  });

  it("a route deactivated out of ?active=true between pages is neither repeated nor skipped, whatever the sort", async () => {
    for (const sort of [undefined, "updatedAt", "priority"] as const) {
      const w = await world();
      for (let i = 0; i < 4; i++) {
        await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: i % 2 ? w.chat.id : w.chat2.id, agentId: w.a1.id, priority: i, label: `r${i}` }));
      }
      const q = (cursor?: string) => listRoutes(admin, routeListQuerySchema.parse({ instance: w.inst.id, active: "true", limit: "2", sort, cursor }));
      const order = await walk(q);
      expect(order).toHaveLength(4);
      const first = await q();
      await updateRoute(admin, order[1], { active: false });
      expect(ids(await q(first.nextCursor!)), `sort ${sort}`).toEqual(order.slice(2, 4));
    }
  });

  it("every ?sort= and ?order= walks each route once, ties broken by id, NULL labels last", async () => {
    const w = await world();
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await createRoute(admin, routeCreateSchema.parse({
        instanceId: w.inst.id, scope: "chat", chatId: i % 2 ? w.chat.id : w.chat2.id, agentId: w.a1.id,
        priority: i % 3, label: i % 3 === 0 ? null : `l${i % 2}`, active: i % 2 === 0,
      })));
    }
    for (const sort of ["createdAt", "updatedAt", "priority", "label", "scope", "active"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const full = (await listRoutes(admin, routeListQuerySchema.parse({ instance: w.inst.id, limit: "50", sort, order }))).items;
        const walked = await walk(async (cursor) => listRoutes(admin, routeListQuerySchema.parse({ instance: w.inst.id, limit: "2", sort, order, cursor })));
        expect(walked, `${sort} ${order}`).toEqual(full.map((r) => r.id));
        expect(new Set(walked).size).toBe(made.length);
        if (sort === "label") expect(full.slice(-3).map((r) => r.label), `${sort} ${order}`).toEqual([null, null, null]);
      }
    }
  });

  it("a route cursor from another sort or order is 400", async () => {
    const w = await world();
    for (let i = 0; i < 3; i++) await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, priority: i }));
    const byPrio = await listRoutes(admin, routeListQuerySchema.parse({ instance: w.inst.id, limit: "1", sort: "priority" }));
    const e = await listRoutes(admin, routeListQuerySchema.parse({ instance: w.inst.id, limit: "1", sort: "label", cursor: byPrio.nextCursor! })).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("VALIDATION_ERROR");
  });
});
