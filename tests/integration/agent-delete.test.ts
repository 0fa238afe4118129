// DELETE /agents/:id (API.md "Endpoints that exist and are now part of the contract"): 409 while a
// route or an instance default uses the agent, 403 for an instance-restricted key (a global
// record), 404 when unknown, 412 on a stale If-Match; otherwise deleted and audited.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { createAgent, deleteAgent, getAgent, updateAgent } from "@/lib/catalog/agents";
import { updateInstance } from "@/lib/catalog/instances";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { etagOf, parseIfMatch } from "@/lib/api/etag";
import { admin, expectCode, uniq, world } from "./routes-helpers";

const restricted = (instanceIds: string[]): Principal => ({ type: "apiKey", id: `k-${uniq()}`, name: "restricted", scopes: ["*"], instanceIds });

describe("deleting an agent", () => {
  it("is refused while a route or an instance default uses it, then deletes and audits", async () => {
    const w = await world();
    const route = await createRoute(admin, parseInput(routeCreateSchema, { instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, priority: 1 }));
    await updateInstance(admin, w.other.id, { defaultAgentId: w.a1.id });
    const used = await expectCode(deleteAgent(admin, w.a1.id), "CONFLICT");
    expect(used.details).toMatchObject({ routes: 1, instances: 1 });
    await deleteRoute(admin, route.id);
    await expectCode(deleteAgent(admin, w.a1.id), "CONFLICT"); // still the instance default
    await updateInstance(admin, w.other.id, { defaultAgentId: null });
    await expect(deleteAgent(admin, w.a1.id)).resolves.toEqual({ id: w.a1.id, deleted: true });
    await expectCode(getAgent(admin, w.a1.id), "NOT_FOUND");
    await expectCode(deleteAgent(admin, w.a1.id), "NOT_FOUND");
    const ev = await prisma.auditEvent.findFirst({ where: { action: "agent.delete", targetId: w.a1.id } });
    expect(ev).not.toBeNull();
  });

  it("is 403 for an instance-restricted key and 412 for a stale If-Match, changing nothing", async () => {
    const agent = await createAgent(admin, { name: `Gone ${uniq()}`, provider: "anthropic", model: null, description: null });
    await expectCode(deleteAgent(restricted(["some-instance"]), agent.id), "FORBIDDEN");
    const stale = parseIfMatch(etagOf(agent));
    await updateAgent(admin, agent.id, { description: "changed meanwhile" });
    await expectCode(deleteAgent(admin, agent.id, stale), "PRECONDITION_FAILED");
    expect(await getAgent(admin, agent.id)).toMatchObject({ id: agent.id, description: "changed meanwhile" });
    const fresh = parseIfMatch(etagOf(await getAgent(admin, agent.id)));
    await expect(deleteAgent(admin, agent.id, fresh)).resolves.toMatchObject({ deleted: true });
  });
});
