// What people type into a text filter is matched literally on both databases: `%` and `_` are
// characters, never LIKE wildcards, in the routes list's `q` (label) and in the route form's person
// and chat pickers, as in the chats list (tests/integration/chats-search.test.ts). A label
// `50%_off` is found by `50%_off`, `%` and `_`; the decoy `50xyoff` (which LIKE's `50%_off`
// matches) by none of them. Case-insensitive on both databases.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createChat } from "@/lib/catalog/chats";
import { createRoute } from "@/lib/routes/create-route";
import { listRoutes } from "@/lib/routes/list-routes";
import { searchChatsForPicker, searchPersonsForPicker } from "@/lib/routes/pickers";
import { routeCreateSchema, routeListQuerySchema } from "@/lib/routes/schemas";
import { admin, uniq, world } from "./routes-helpers";

const q = (o: Record<string, string>) => routeListQuerySchema.parse(o);

async function labelled() {
  const w = await world();
  const mk = async (label: string | undefined, priority: number) =>
    createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, label, priority }));
  const r = {
    offer: await mk("Spring 50%_off", 1),
    decoy: await mk("Spring 50xyoff", 2),
    plain: await mk("Ops VIP", 3),
    under: await mk("night_shift", 4),
    unlabelled: await mk(undefined, 5),
  };
  return { w, r };
}

const routeIds = async (instance: string, text: string) =>
  (await listRoutes(admin, q({ instance, q: text, limit: "200" }))).items.map((x) => x.id).sort();

describe("routes q is literal and case-insensitive", () => {
  it("% and _ match only labels holding them; 50%_off is not 50xyoff", async () => {
    const { w, r } = await labelled();
    expect(await routeIds(w.inst.id, "%")).toEqual([r.offer.id]);
    expect(await routeIds(w.inst.id, "_")).toEqual([r.offer.id, r.under.id].sort());
    expect(await routeIds(w.inst.id, "50%_off")).toEqual([r.offer.id]);
    expect(await routeIds(w.inst.id, "50%_OFF")).toEqual([r.offer.id]);
    expect(await routeIds(w.inst.id, "%_")).toEqual([r.offer.id]);
    expect(await routeIds(w.inst.id, "t_s")).toEqual([r.under.id]);
    expect(await routeIds(w.inst.id, "ops vip")).toEqual([r.plain.id]);
    expect(await routeIds(w.inst.id, "\\")).toEqual([]);
    expect(await routeIds(w.inst.id, "spring")).toEqual([r.offer.id, r.decoy.id].sort());
  });

  it("count and offset paging agree with the literal filter", async () => {
    const { w, r } = await labelled();
    const counted = await listRoutes(admin, q({ instance: w.inst.id, q: "_", count: "true" }));
    expect(counted.total).toBe(2);
    const second = await listRoutes(admin, q({ instance: w.inst.id, q: "_", sort: "priority", order: "asc", limit: "1", offset: "1" }));
    expect(second.items.map((x) => x.id)).toEqual([r.under.id]);
  });

  it("a keyset walk under a wildcard-bearing query returns each literal match once", async () => {
    const { w, r } = await labelled();
    const more = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat2.id, agentId: w.a1.id, label: "x_y", priority: 9 }));
    for (const sort of ["createdAt", "label", "priority"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await listRoutes(admin, q({ instance: w.inst.id, q: "_", sort, limit: "1", ...(cursor ? { cursor } : {}) }));
        seen.push(...page.items.map((x) => x.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.length, sort).toBe(3);
      expect([...seen].sort(), sort).toEqual([r.offer.id, r.under.id, more.id].sort());
    }
  });
});

describe("pickers are literal and case-insensitive", () => {
  it("persons by display-name prefix: %, _ and 50%_off are characters", async () => {
    const tag = uniq();
    const offer = await prisma.person.create({ data: { displayName: `50%_off ${tag}` } });
    const decoy = await prisma.person.create({ data: { displayName: `50xyoff ${tag}` } });
    const pct = await prisma.person.create({ data: { displayName: `%${tag}` } });
    const under = await prisma.person.create({ data: { displayName: `_${tag}` } });
    const names = async (text: string) => (await searchPersonsForPicker(admin, text, 50)).map((p) => p.displayName ?? "");
    const found = await names("50%_off");
    expect(found).toContain(offer.displayName);
    expect(found).not.toContain(decoy.displayName);
    expect(found.every((n) => n.toLowerCase().startsWith("50%_off"))).toBe(true);
    expect(await names("50%_OFF")).toContain(offer.displayName);
    const percent = await names("%");
    expect(percent).toContain(pct.displayName);
    expect(percent.every((n) => n.startsWith("%"))).toBe(true);
    const underscore = await names("_");
    expect(underscore).toContain(under.displayName);
    expect(underscore.every((n) => n.startsWith("_"))).toBe(true);
    expect(await names(`50xyoff ${tag}`)).toEqual([decoy.displayName]);
  });

  it("chats by title substring or external-id prefix: %, _ and 50%_off are characters", async () => {
    const w = await world();
    const tag = uniq();
    const offer = await createChat(admin, { instanceId: w.inst.id, externalId: `${tag}-o`, title: "Deals 50%_off", type: "group" });
    const decoy = await createChat(admin, { instanceId: w.inst.id, externalId: `${tag}-d`, title: "Deals 50xyoff", type: "group" });
    const ext = await createChat(admin, { instanceId: w.inst.id, externalId: `%_${tag}`, type: "dm" });
    const ids = async (text: string) => (await searchChatsForPicker(admin, w.inst.id, text, 50)).map((c) => c.id).sort();
    expect(await ids("50%_off")).toEqual([offer.id]);
    expect(await ids("50%_OFF")).toEqual([offer.id]);
    expect(await ids("%")).toEqual([offer.id, ext.id].sort());
    expect(await ids("_")).toEqual([offer.id]); // the external id holds "_" but does not start with it
    expect(await ids("%_")).toEqual([offer.id, ext.id].sort());
    expect(await ids("_%")).toEqual([]);
    expect(await ids("deals")).toEqual([offer.id, decoy.id].sort());
    expect(await ids("   ")).toHaveLength(5); // blank: the instance's chats (world() made two)
  });
});
