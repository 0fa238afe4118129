import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { updateRoute } from "@/lib/routes/update-route";
import { computeResolution, routeMetrics, routeResolver, testRoute } from "@/lib/routes/resolver";
import { updateInstance } from "@/lib/catalog/instances";
import { updateAgent } from "@/lib/catalog/agents";
import { emitChange } from "@/lib/events/changes";
import { admin, expectCode, world } from "./routes-helpers";
import { changeAffectsPart } from "@/lib/route-resolution/affected-parts";
import type { ChangeEvent } from "@/lib/events/change-event";

beforeEach(() => {
  routeResolver().clear();
  routeResolver().resetMetrics();
});

describe("resolution through the service", () => {
  it("chat beats user, the default answers without routes, none without a default; candidates explained", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id };
    expect((await testRoute(admin, input)).source).toBe("none");

    await updateInstance(admin, w.inst.id, { defaultAgentId: w.a3.id });
    const d = await testRoute(admin, input);
    expect(d).toMatchObject({ source: "instanceDefault", route: null, agent: { id: w.a3.id }, candidates: [], cached: false });

    const u = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id }));
    expect(await testRoute(admin, input)).toMatchObject({ source: "user", route: { id: u.id }, agent: { id: w.a2.id } });

    const c = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    const r = await testRoute(admin, input);
    expect(r).toMatchObject({ source: "chat", route: { id: c.id }, agent: { id: w.a1.id, name: w.a1.name } });
    expect(r.candidates.map((x) => [x.routeId, x.chosen])).toEqual([[c.id, true], [u.id, false]]);
    expect(r.candidates[1].agent).toEqual({ id: w.a2.id, name: w.a2.name });
  });

  it("unknown instance, chat, person or a chat of another instance are NOT_FOUND and are not cached", async () => {
    const w = await world();
    const ghost = "00000000-0000-4000-8000-000000000000";
    await expectCode(testRoute(admin, { instanceId: ghost }), "NOT_FOUND");
    await expectCode(testRoute(admin, { instanceId: w.inst.id, chatId: ghost }), "NOT_FOUND");
    await expectCode(testRoute(admin, { instanceId: w.inst.id, personId: ghost }), "NOT_FOUND");
    await expectCode(testRoute(admin, { instanceId: w.inst.id, chatId: w.otherChat.id }), "NOT_FOUND");
    expect(routeResolver().size).toBe(0);
  });
});

describe("resolution cache", () => {
  it("counts hits and misses, and serves the second lookup from the cache", async () => {
    const w = await world();
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    const input = { instanceId: w.inst.id, chatId: w.chat.id };
    expect((await testRoute(admin, input)).cached).toBe(false);
    expect((await testRoute(admin, input)).cached).toBe(true);
    expect((await testRoute(admin, input)).cached).toBe(true);
    const m = routeMetrics(admin);
    expect(m).toMatchObject({ hits: 2, misses: 1, size: 1 });
    expect(m.hitRate).toBeCloseTo(2 / 3, 2);
    expect(m.p50Ms).toBeGreaterThanOrEqual(0);
    expect(m.p99Ms).toBeGreaterThanOrEqual(m.p50Ms!);
    const last = m.series[m.series.length - 1];
    expect(last).toMatchObject({ hits: 2, misses: 1 });
    expect(m.series).toHaveLength(30);
  });

  it("the very next resolution sees a route update, deactivation and delete", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id };
    const c = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    const u = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id }));
    expect((await testRoute(admin, input)).agent?.id).toBe(w.a1.id);
    expect((await testRoute(admin, input)).cached).toBe(true);

    await updateRoute(admin, c.id, { agentId: w.a3.id });
    const afterAgent = await testRoute(admin, input);
    expect(afterAgent).toMatchObject({ cached: false, agent: { id: w.a3.id } });

    await updateRoute(admin, c.id, { active: false });
    expect((await testRoute(admin, input)).route?.id).toBe(u.id);

    await deleteRoute(admin, u.id);
    expect((await testRoute(admin, input)).source).toBe("none");
    expect(routeMetrics(admin).invalidations).toBeGreaterThanOrEqual(3);
  });

  it("a new user route for the person invalidates the chat+person entry", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id };
    expect((await testRoute(admin, input)).source).toBe("none");
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id }));
    expect((await testRoute(admin, input)).source).toBe("user");
  });

  it("changing the instance default invalidates; so do agent, person and chat changes", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id };
    expect((await testRoute(admin, input)).source).toBe("none");
    await updateInstance(admin, w.inst.id, { defaultAgentId: w.a3.id });
    expect((await testRoute(admin, input)).agent?.id).toBe(w.a3.id);

    await updateAgent(admin, w.a3.id, { name: "Renamed default" });
    expect((await testRoute(admin, input)).agent?.name).toBe("Renamed default");

    // A person merge (persons service) moves routes and emits {kind:"person"}.
    expect((await testRoute(admin, input)).cached).toBe(true);
    await prisma.agentRoute.create({ data: { instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id } });
    emitChange({ kind: "person", id: w.person.id });
    expect((await testRoute(admin, input)).agent?.id).toBe(w.a2.id);

    expect((await testRoute(admin, input)).cached).toBe(true);
    await prisma.agentRoute.create({ data: { instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id } });
    emitChange({ kind: "chat", id: w.chat.id });
    expect((await testRoute(admin, input)).agent?.id).toBe(w.a1.id);
  });

  it("changes elsewhere do not drop unrelated entries", async () => {
    const w = await world();
    const one = { instanceId: w.inst.id, chatId: w.chat.id };
    const two = { instanceId: w.inst.id, chatId: w.chat2.id };
    await testRoute(admin, one);
    await testRoute(admin, two);
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat2.id, agentId: w.a1.id }));
    emitChange({ kind: "person", id: w.person2.id });
    expect((await testRoute(admin, one)).cached).toBe(true);
    expect((await testRoute(admin, two)).cached).toBe(false);
  });

  it("the cache drops exactly the parts the rule says a change affects (changeAffectsPart)", async () => {
    const w = await world();
    await updateInstance(admin, w.inst.id, { defaultAgentId: w.a3.id });
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id }));
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.other.id, scope: "user", personId: w.person.id, agentId: w.a1.id }));
    const lookups = [
      { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id }, { instanceId: w.inst.id, chatId: w.chat2.id, personId: w.person2.id },
      { instanceId: w.inst.id, personId: w.person.id }, { instanceId: w.other.id, chatId: w.otherChat.id, personId: w.person.id },
    ];
    const events: ChangeEvent[] = [
      { kind: "instance", id: w.inst.id }, { kind: "instance", id: w.other.id },
      { kind: "route", instanceId: w.inst.id, chatIds: [w.chat.id] }, { kind: "route", instanceId: w.inst.id, personIds: [w.person.id] },
      { kind: "route", instanceId: w.other.id, chatIds: [w.chat.id], personIds: [w.person2.id] }, { kind: "route", instanceId: w.other.id },
      { kind: "chat", id: w.chat2.id }, { kind: "chat", id: w.otherChat.id }, { kind: "person", id: w.person.id }, { kind: "person", id: w.person2.id },
      { kind: "agent", id: w.a1.id }, { kind: "agent", id: w.a2.id }, { kind: "agent", id: w.a3.id },
      { kind: "apiKey", id: "k" }, { kind: "all" },
    ];
    for (const e of events) {
      routeResolver().clear();
      for (const l of lookups) await testRoute(admin, l);
      const before = routeResolver().cachedParts();
      expect(before.length).toBe(7); // 4 chat parts (one without a chat) + 3 person parts
      const dropped = routeResolver().onChange(e);
      const after = new Set(routeResolver().cachedParts().map((p) => p.key));
      const expected = before.filter((p) => changeAffectsPart(e, p.part)).map((p) => p.key).sort();
      expect(before.map((p) => p.key).filter((k) => !after.has(k)).sort(), JSON.stringify(e)).toEqual(expected);
      expect(dropped).toBe(expected.length);
    }
  });

  it("a change that lands while a miss is reading the database is not cached stale", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id };
    const pending = routeResolver().resolve(input); // reads the database…
    emitChange({ kind: "route", instanceId: w.inst.id }); // …while a change lands
    expect((await pending).source).toBe("none");
    expect(routeResolver().size).toBe(0);
    expect((await testRoute(admin, input)).cached).toBe(false);
  });

  it("changes elsewhere while a miss reads (another chat, another person, a key) do not keep its parts out of the cache; its own chat's or person's do", async () => {
    const w = await world();
    const input = { instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id };
    // steady writes elsewhere: without this, a busy deployment never refilled its cache
    let pending = routeResolver().resolve(input);
    emitChange({ kind: "route", instanceId: w.inst.id, chatIds: [w.chat2.id] });
    emitChange({ kind: "person", id: w.person2.id });
    emitChange({ kind: "chat", id: w.chat2.id });
    emitChange({ kind: "apiKey", id: "some-key" });
    expect((await pending).cached).toBe(false);
    expect(routeResolver().size).toBe(2);
    expect((await testRoute(admin, input)).cached).toBe(true);

    // a change to the person being read: the person part is not cached, the chat part is
    routeResolver().clear();
    pending = routeResolver().resolve(input);
    emitChange({ kind: "person", id: w.person.id });
    await pending;
    expect(routeResolver().size).toBe(1);
    // a route of the chat being read: the chat part is not cached, the person part is
    routeResolver().clear();
    pending = routeResolver().resolve(input);
    emitChange({ kind: "route", instanceId: w.inst.id, chatIds: [w.chat.id] });
    await pending;
    expect(routeResolver().size).toBe(1);
    expect((await testRoute(admin, { instanceId: w.inst.id, chatId: w.chat2.id, personId: w.person.id })).cached).toBe(false); // chat2's part was never read
    // an agent change marks every read (a part's agents are known only once read)
    routeResolver().clear();
    pending = routeResolver().resolve(input);
    emitChange({ kind: "agent", id: w.a1.id });
    await pending;
    expect(routeResolver().size).toBe(0);
  });

  it("computeResolution is the uncached path and agrees with the cached one", async () => {
    const w = await world();
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, priority: 2 }));
    const input = { instanceId: w.inst.id, chatId: w.chat.id };
    const a = await computeResolution(input);
    await testRoute(admin, input);
    const b = await testRoute(admin, input);
    expect({ ...b, cached: false }).toEqual(a);
  });
});
