import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { routeCreateSchema, routeListQuerySchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { getRoute } from "@/lib/routes/get-route";
import { listRoutes } from "@/lib/routes/list-routes";
import { updateRoute } from "@/lib/routes/update-route";
import { testRoute } from "@/lib/routes/resolver";
import { searchChatsForPicker, searchPersonsForPicker } from "@/lib/routes/pickers";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { admin, expectCode, uniq, world } from "./routes-helpers";

const q = (o: Record<string, string> = {}) => routeListQuerySchema.parse(o);
const chatRoute = (w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) =>
  routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, ...over });
const userRoute = (w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) =>
  routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a2.id, ...over });

describe("route CRUD", () => {
  it("creates with every option and audits the create with its after snapshot", async () => {
    const w = await world();
    const r = await createRoute(admin, chatRoute(w, {
      timeout: 45, stream: true, prefixSender: true, waitMedia: true, sendMediaPath: true, gate: true,
      gateModel: "haiku", gatePrompt: "Only billing", replyFilterMode: "filtered", label: "Ops VIP", priority: 7, active: false,
    }));
    expect(r).toMatchObject({
      instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, personId: null, agentId: w.a1.id, timeout: 45, stream: true,
      prefixSender: true, waitMedia: true, sendMediaPath: true, gate: true, gateModel: "haiku", gatePrompt: "Only billing",
      replyFilterMode: "filtered", label: "Ops VIP", priority: 7, active: false,
      chat: { title: "Ops room" }, agent: { name: w.a1.name }, instance: { name: w.inst.name },
    });
    const ev = await prisma.auditEvent.findMany({ where: { targetId: r.id } });
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ action: "route.create", targetType: "route", before: null });
    expect((ev[0].after as Record<string, unknown>).label).toBe("Ops VIP");
    expect(await getRoute(admin, r.id)).toMatchObject({ id: r.id, priority: 7 });
  });

  it("updates with before/after and deletes with before, all in the hash chain", async () => {
    const w = await world();
    const r = await createRoute(admin, userRoute(w, { label: "before" }));
    const u = await updateRoute(admin, r.id, { label: "after", priority: 3, active: false });
    expect(u).toMatchObject({ label: "after", priority: 3, active: false, personId: w.person.id });
    const upd = await prisma.auditEvent.findFirst({ where: { targetId: r.id, action: "route.update" } });
    expect((upd!.before as Record<string, unknown>).label).toBe("before");
    expect((upd!.after as Record<string, unknown>)).toMatchObject({ label: "after", priority: 3, active: false });
    expect(await deleteRoute(admin, r.id)).toEqual({ id: r.id, deleted: true });
    const del = await prisma.auditEvent.findFirst({ where: { targetId: r.id, action: "route.delete" } });
    expect((del!.before as Record<string, unknown>).label).toBe("after");
    expect(del!.after).toBeNull();
    await expectCode(getRoute(admin, r.id), "NOT_FOUND");
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("switching scope clears the other target; a contradiction is a field error and writes nothing", async () => {
    const w = await world();
    const r = await createRoute(admin, chatRoute(w));
    const switched = await updateRoute(admin, r.id, { scope: "user", personId: w.person.id });
    expect(switched).toMatchObject({ scope: "user", chatId: null, personId: w.person.id });
    const events = await prisma.auditEvent.count();
    const e = await expectCode(updateRoute(admin, r.id, { scope: "chat" }), "VALIDATION_ERROR");
    expect(Object.keys((e.details as { fields: object }).fields)).toEqual(["chatId"]);
    expect(await prisma.auditEvent.count()).toBe(events);
    expect((await getRoute(admin, r.id)).scope).toBe("user");
  });

  it("refuses unknown references (404) and a chat of another instance (400), writing nothing", async () => {
    const w = await world();
    const before = await prisma.agentRoute.count();
    const ghost = "00000000-0000-4000-8000-000000000000";
    await expectCode(createRoute(admin, chatRoute(w, { chatId: ghost })), "NOT_FOUND");
    await expectCode(createRoute(admin, chatRoute(w, { agentId: ghost })), "NOT_FOUND");
    await expectCode(createRoute(admin, userRoute(w, { personId: ghost })), "NOT_FOUND");
    await expectCode(createRoute(admin, chatRoute(w, { instanceId: ghost })), "NOT_FOUND");
    const e = await expectCode(createRoute(admin, chatRoute(w, { chatId: w.otherChat.id })), "VALIDATION_ERROR");
    expect((e.details as { fields: Record<string, string[]> }).fields.chatId[0]).toMatch(/another instance/);
    expect(await prisma.agentRoute.count()).toBe(before);
    await expectCode(updateRoute(admin, ghost, { label: "x" }), "NOT_FOUND");
    await expectCode(deleteRoute(admin, ghost), "NOT_FOUND");
  });

  it("lists with filters, free text on label, sorting, cursor and offset paging, and a count", async () => {
    const w = await world();
    const tag = uniq();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await createRoute(admin, chatRoute(w, { priority: i, label: `${tag} chat ${i}`, active: i % 2 === 0 })));
    }
    const u = await createRoute(admin, userRoute(w, { label: `${tag} user`, agentId: w.a3.id }));
    const all = await listRoutes(admin, q({ instance: w.inst.id, count: "true" }));
    expect(all.total).toBe(6);
    expect((await listRoutes(admin, q({ instance: w.inst.id, scope: "user" }))).items.map((r) => r.id)).toEqual([u.id]);
    expect((await listRoutes(admin, q({ instance: w.inst.id, agent: w.a3.id }))).items.map((r) => r.id)).toEqual([u.id]);
    expect((await listRoutes(admin, q({ instance: w.inst.id, active: "false", count: "true" }))).total).toBe(2);
    expect((await listRoutes(admin, q({ q: `${tag} chat 3` }))).items.map((r) => r.id)).toEqual([made[3].id]);

    const byPrio = await listRoutes(admin, q({ instance: w.inst.id, scope: "chat", sort: "priority", order: "desc", limit: "2" }));
    expect(byPrio.items.map((r) => r.priority)).toEqual([4, 3]);
    expect(byPrio.nextCursor).toEqual(expect.any(String));
    const next = await listRoutes(admin, q({ instance: w.inst.id, scope: "chat", sort: "priority", order: "desc", limit: "2", cursor: byPrio.nextCursor! }));
    expect(next.items.map((r) => r.priority)).toEqual([2, 1]);
    const offset = await listRoutes(admin, q({ instance: w.inst.id, scope: "chat", sort: "priority", order: "asc", limit: "2", offset: "4" }));
    expect(offset.items.map((r) => r.priority)).toEqual([4]);
    expect(offset.nextCursor).toBeNull();
  });
});

describe("route authorization", () => {
  it("a key restricted to instance A: B's routes are 404, creating, testing or listing on B is 403", async () => {
    const w = await world();
    const onB = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.other.id, scope: "chat", chatId: w.otherChat.id, agentId: w.a1.id }));
    const onA = await createRoute(admin, chatRoute(w));
    const restricted: Principal = { type: "apiKey", id: "k", name: "k", scopes: ["routes:*"], instanceIds: [w.inst.id] };
    await expectCode(getRoute(restricted, onB.id), "NOT_FOUND");
    await expectCode(updateRoute(restricted, onB.id, { label: "x" }), "NOT_FOUND");
    await expectCode(deleteRoute(restricted, onB.id), "NOT_FOUND");
    await expectCode(createRoute(restricted, routeCreateSchema.parse({ instanceId: w.other.id, scope: "chat", chatId: w.otherChat.id, agentId: w.a1.id })), "FORBIDDEN");
    await expectCode(testRoute(restricted, { instanceId: w.other.id, chatId: w.otherChat.id }), "FORBIDDEN");
    await expectCode(updateRoute(restricted, onA.id, { instanceId: w.other.id, chatId: w.otherChat.id }), "FORBIDDEN");
    const listed = await listRoutes(restricted, q({ limit: "200" }));
    expect(listed.items.every((r) => r.instanceId === w.inst.id)).toBe(true);
    await expectCode(listRoutes(restricted, q({ instance: w.other.id })), "FORBIDDEN"); // API.md "Lists and search"
    expect((await getRoute(restricted, onA.id)).id).toBe(onA.id);
    expect((await prisma.agentRoute.findUnique({ where: { id: onB.id } }))!.label).toBeNull();
  });

  it("routes:read cannot write; no scope cannot read", async () => {
    const w = await world();
    const reader: Principal = { type: "apiKey", id: "r", name: "r", scopes: ["routes:read"], instanceIds: null };
    const nobody: Principal = { type: "apiKey", id: "n", name: "n", scopes: ["persons:read"], instanceIds: null };
    const e = await expectCode(createRoute(reader, chatRoute(w)), "FORBIDDEN");
    expect(e.details).toEqual({ requiredScope: "routes:write" });
    await expectCode(listRoutes(nobody, q()), "FORBIDDEN");
    await expectCode(testRoute(nobody, { instanceId: w.inst.id }), "FORBIDDEN");
    expect((await testRoute(reader, { instanceId: w.inst.id })).source).toBe("none");
  });
});

describe("pickers", () => {
  it("finds persons by name prefix or exact phone, chats by title within an instance", async () => {
    const w = await world();
    const byName = await searchPersonsForPicker(admin, w.person.displayName!.slice(0, 6));
    expect(byName.map((p) => p.id)).toContain(w.person.id);
    expect((await searchPersonsForPicker(admin, w.person.primaryPhone!)).map((p) => p.id)).toEqual([w.person.id]);
    expect((await searchChatsForPicker(admin, w.inst.id, "ops")).map((c) => c.id)).toEqual([w.chat.id]);
    expect(await searchChatsForPicker(admin, w.inst.id, "Elsewhere")).toEqual([]);
  });
});
