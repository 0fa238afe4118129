// A PATCH that changes nothing answers the unchanged resource, writes no audit event and keeps
// updatedAt; presence reports never invalidate cached route resolutions (contract: Concurrency).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { updateRoute } from "@/lib/routes/update-route";
import { routeResolver, testRoute } from "@/lib/routes/resolver";
import { updateInstance } from "@/lib/catalog/instances";
import { updateAgent } from "@/lib/catalog/agents";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";
import { recordActivity } from "@/lib/persons/presence";
import { admin, world } from "./routes-helpers";

const auditCount = (targetId: string) => prisma.auditEvent.count({ where: { targetId } });
const pause = () => new Promise((r) => setTimeout(r, 20));

describe("no-op PATCH writes nothing", () => {
  it("person: same values → no audit event, updatedAt kept; a real change still writes", async () => {
    const p = await createPerson(admin, { displayName: "Ana", primaryEmail: "ana@example.com", metadata: { a: 1 }, identities: [] });
    const events = await auditCount(p.id);
    await pause();
    const same = await updatePerson(admin, p.id, { displayName: "Ana", primaryEmail: "ana@example.com", metadata: { a: 1 } });
    expect(same.updatedAt.getTime()).toBe(p.updatedAt.getTime());
    expect(await auditCount(p.id)).toBe(events);
    const changed = await updatePerson(admin, p.id, { displayName: "Ana Clara" });
    expect(changed.displayName).toBe("Ana Clara");
    expect(await auditCount(p.id)).toBe(events + 1);
  });

  it("route, instance and agent: same values → nothing written", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, priority: 3 }));
    const before = [await auditCount(r.id), await auditCount(w.inst.id), await auditCount(w.a1.id)];
    await pause();
    const r2 = await updateRoute(admin, r.id, { priority: 3, active: true, chatId: w.chat.id });
    expect(r2.updatedAt.getTime()).toBe(r.updatedAt.getTime());
    const i2 = await updateInstance(admin, w.inst.id, { name: w.inst.name });
    expect(i2.updatedAt.getTime()).toBe(w.inst.updatedAt.getTime());
    const a2 = await updateAgent(admin, w.a1.id, { name: w.a1.name, provider: w.a1.provider });
    expect(a2.updatedAt.getTime()).toBe(w.a1.updatedAt.getTime());
    expect([await auditCount(r.id), await auditCount(w.inst.id), await auditCount(w.a1.id)]).toEqual(before);
    const r3 = await updateRoute(admin, r.id, { priority: 4 });
    expect(r3.priority).toBe(4);
    expect(await auditCount(r.id)).toBe(before[0] + 1);
  });
});

describe("presence reports", () => {
  it("never invalidate a cached route resolution", async () => {
    const w = await world();
    const p = await createPerson(admin, { displayName: "Presence", identities: [{ instanceId: w.inst.id, platformUserId: `u-${Date.now()}` }] });
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: p.id, agentId: w.a2.id }));
    routeResolver().clear();
    const input = { instanceId: w.inst.id, personId: p.id };
    expect((await testRoute(admin, input)).cached).toBe(false);
    expect((await testRoute(admin, input)).cached).toBe(true);
    await recordActivity(admin, p.identities[0].id, { messages: 3 });
    expect((await testRoute(admin, input)).cached).toBe(true);
  });
});
