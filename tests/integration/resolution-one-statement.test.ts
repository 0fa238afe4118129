// The one-statement resolution (lib/route-resolution) gives the same answers as the reference
// path (every route of the chat and the person read with Prisma, filtered and resolved in
// JavaScript: the resolver before it was replaced), on a few hundred random lookups over random
// routes (both scopes, active and not, ties, several instances), unknown ids included.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { routeFieldsSelect } from "@/lib/routes/route-records";
import { loadResolutionData, type ResolutionData } from "@/lib/route-resolution/resolution-query";
import { assemble, chatPartOf, personPartOf, type ResolvedRoute } from "@/lib/route-resolution/resolution-parts";
import { createChat } from "@/lib/catalog/chats";
import { computeResolution } from "@/lib/routes/resolver";
import { admin, uniq, world } from "./routes-helpers";

type Input = { instanceId: string; chatId?: string | null; personId?: string | null };
const GHOST = "00000000-0000-4000-8000-000000000000";

/** The reference: the former resolver's reads (Prisma, one query per thing), same assembly rules. */
async function reference(input: Input): Promise<ResolvedRoute> {
  const chatId = input.chatId ?? null;
  const personId = input.personId ?? null;
  const [instance, chat, person, chatRoutes, personRoutes] = await Promise.all([
    prisma.instance.findUnique({ where: { id: input.instanceId }, select: { id: true, name: true, channel: true, defaultAgentId: true } }),
    chatId ? prisma.chat.findUnique({ where: { id: chatId }, select: { id: true, instanceId: true, title: true, externalId: true, type: true } }) : null,
    personId ? prisma.person.findUnique({ where: { id: personId }, select: { id: true, displayName: true, primaryPhone: true, primaryEmail: true } }) : null,
    chatId ? prisma.agentRoute.findMany({ where: { chatId }, select: routeFieldsSelect }) : [],
    personId ? prisma.agentRoute.findMany({ where: { personId }, select: routeFieldsSelect }) : [],
  ]);
  if (!instance) throw notFound("Instance");
  if (chatId && (!chat || chat.instanceId !== instance.id)) throw notFound("Chat");
  if (personId && !person) throw notFound("Person");
  const routes = [
    ...chatRoutes.filter((r) => r.scope === "chat" && r.instanceId === input.instanceId),
    ...personRoutes.filter((r) => r.scope === "user" && r.instanceId === input.instanceId),
  ];
  const agentIds = [...new Set([...routes.map((x) => x.agentId), ...(instance.defaultAgentId ? [instance.defaultAgentId] : [])])];
  const agents = await prisma.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true, provider: true, model: true } });
  const d: ResolutionData = { instance, defaultAgent: null, chat, person, personHasIdentity: false, routes, agents: new Map(agents.map((a) => [a.id, a])) };
  return assemble(chatPartOf(d, chatId), personId ? personPartOf(d, personId) : null, chatId, personId);
}

async function oneStatement(input: Input): Promise<ResolvedRoute> {
  const chatId = input.chatId ?? null;
  const personId = input.personId ?? null;
  const d = await loadResolutionData(input.instanceId, chatId, personId);
  return assemble(chatPartOf(d, chatId), personId ? personPartOf(d, personId) : null, chatId, personId);
}

const outcome = (p: Promise<ResolvedRoute>) => p.then((v) => ({ ok: v }), (e: { code?: string; message?: string }) => ({ error: `${e.code}: ${e.message}` }));

describe("one-statement resolution", () => {
  it("answers exactly as the reference on 300 random lookups", async () => {
    const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const w = await world();
    const w2 = await world();
    await prisma.instance.update({ where: { id: w.inst.id }, data: { defaultAgentId: w.a3.id } });
    const chats = [w.chat, w.chat2, w.otherChat, w2.chat];
    for (let i = 0; i < 4; i++) chats.push(await createChat(admin, { instanceId: w.inst.id, externalId: `x-${uniq()}`, title: null, type: "group" }));
    const persons = [w.person, w.person2, w2.person];
    for (let i = 0; i < 4; i++) persons.push(await prisma.person.create({ data: { displayName: i % 2 ? null : `P ${uniq()}`, primaryEmail: `p${uniq()}@x.io` } }));
    const agents = [w.a1, w.a2, w.a3, w2.a1];
    const instances = [w.inst, w.other, w2.inst];
    for (let i = 0; i < 60; i++) {
      const chatScope = Math.random() < 0.5;
      const c = pick(chats);
      await prisma.agentRoute.create({
        data: {
          instanceId: chatScope ? c.instanceId : pick(instances).id, scope: chatScope ? "chat" : "user",
          chatId: chatScope ? c.id : null, personId: chatScope ? null : pick(persons).id, agentId: pick(agents).id,
          priority: Math.floor(Math.random() * 3), active: Math.random() < 0.75, label: Math.random() < 0.5 ? `r${i}` : null,
          timeout: Math.random() < 0.3 ? 30 : null, gate: Math.random() < 0.2, stream: Math.random() < 0.5,
          updatedAt: new Date(Date.now() - Math.floor(Math.random() * 3) * 1000),
        },
      });
    }
    // identities on some instances, so "has an identity there" is sometimes true and sometimes not
    for (const [n, person] of persons.entries()) {
      for (const inst of instances.filter(() => Math.random() < 0.4)) {
        await prisma.platformIdentity.create({ data: { personId: person.id, instanceId: inst.id, channel: inst.channel, platformUserId: `u${n}-${uniq()}` } });
      }
    }
    const identityChecks = { with: 0, without: 0 };
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const input: Input = {
        instanceId: Math.random() < 0.03 ? GHOST : pick(instances).id,
        chatId: Math.random() < 0.25 ? null : Math.random() < 0.03 ? GHOST : pick(chats).id,
        personId: Math.random() < 0.25 ? null : Math.random() < 0.03 ? GHOST : pick(persons).id,
      };
      const [a, b, c] = [await outcome(reference(input)), await outcome(oneStatement(input)), await outcome(computeResolution(input))];
      expect(b, JSON.stringify(input)).toEqual(a);
      expect(c, JSON.stringify(input)).toEqual(a); // the resolver's own uncached path
      if ("ok" in a) compared++;
      if ("ok" in a && input.personId) {
        const d = await loadResolutionData(input.instanceId, input.chatId ?? null, input.personId);
        const has = (await prisma.platformIdentity.count({ where: { personId: input.personId, instanceId: input.instanceId } })) > 0;
        expect(d.personHasIdentity, JSON.stringify(input)).toBe(has);
        identityChecks[has ? "with" : "without"]++;
      }
    }
    expect(compared).toBeGreaterThan(100); // most lookups resolve (the rest: 404s, compared too)
    expect(identityChecks.with).toBeGreaterThan(10);
    expect(identityChecks.without).toBeGreaterThan(10);
  }, 180_000);
});

describe("resolution cache parts", () => {
  it("caches (instance, chat) and (instance, person) apart: a new person in a known chat reuses the chat's part", async () => {
    const { RouteResolver } = await import("@/lib/routes/resolver");
    const w = await world();
    await prisma.agentRoute.create({ data: { instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id } });
    await prisma.agentRoute.create({ data: { instanceId: w.inst.id, scope: "user", personId: w.person2.id, agentId: w.a2.id } });
    const r = new RouteResolver(100);
    try {
      const a = await r.resolve({ instanceId: w.inst.id, chatId: w.chat.id, personId: w.person.id });
      expect(r.size).toBe(2); // the chat's part and the person's
      const b = await r.resolve({ instanceId: w.inst.id, chatId: w.chat.id, personId: w.person2.id });
      expect(r.size).toBe(3); // only the new person's part was read
      expect(b).toEqual({ ...(await computeResolution({ instanceId: w.inst.id, chatId: w.chat.id, personId: w.person2.id })), cached: false });
      expect(a.agent?.id).toBe(w.a1.id); // the chat route wins for both
      expect(b.agent?.id).toBe(w.a1.id);
      const c = await r.resolve({ instanceId: w.inst.id, chatId: w.chat2.id, personId: w.person2.id });
      expect(r.size).toBe(4); // a known person in a new chat: only the chat's part was read
      expect(c.agent?.id).toBe(w.a2.id);
      const again = await r.resolve({ instanceId: w.inst.id, chatId: w.chat.id, personId: w.person2.id });
      expect(again).toEqual({ ...b, cached: true });
    } finally {
      r.close();
    }
  });
});
