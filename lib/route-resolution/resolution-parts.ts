// A resolution is assembled from two cacheable parts: what depends on (instance, chat) — the
// instance, its default agent, the chat and its chat routes — and what depends on (instance,
// person) — the person and their person routes. Cached apart, a new person in a known chat reads
// only their own part, and a new chat of a known person only the chat's.
import "server-only";
import { notFound } from "../errors";
import { resolveRoute, type CandidateVerdict, type Resolution, type ResolutionSource } from "../routes/rules/resolution";
import type { RouteView } from "../routes/route-records";
import type { AgentRef, ResolutionData, RouteRow } from "./resolution-query";

export type ResolvedRoute = {
  source: ResolutionSource;
  route: RouteView | null;
  agent: AgentRef | null;
  candidates: (CandidateVerdict & { agent: { id: string; name: string } | null })[];
  tie: Resolution["tie"];
  warnings: Resolution["warnings"];
  instance: { id: string; name: string; defaultAgentId: string | null };
  chatId: string | null;
  personId: string | null;
  cached: boolean;
};

/** (instance, chat?): the instance with its default agent, the chat (null when none asked) and its chat routes. */
export type ChatPart = {
  instance: NonNullable<ResolutionData["instance"]>;
  chat: ResolutionData["chat"];
  routes: RouteRow[];
  agents: AgentRef[];
};
/** (instance, person): the person, their person routes on the instance, and whether they have an identity there. */
export type PersonPart = { person: NonNullable<ResolutionData["person"]>; hasIdentity: boolean; routes: RouteRow[]; agents: AgentRef[] };

const agentsOf = (d: ResolutionData, routes: RouteRow[], withDefault: boolean) => {
  const ids = new Set(routes.map((r) => r.agentId));
  if (withDefault && d.instance?.defaultAgentId) ids.add(d.instance.defaultAgentId);
  return [...ids].map((id) => d.agents.get(id)).filter((a): a is AgentRef => !!a);
};

/** The chat part of loaded data; 404 `NOT_FOUND` for an unknown instance, or a chat unknown or on another instance. */
export function chatPartOf(d: ResolutionData, chatId: string | null): ChatPart {
  if (!d.instance) throw notFound("Instance");
  if (chatId && (!d.chat || d.chat.instanceId !== d.instance.id)) throw notFound("Chat");
  const routes = chatId ? d.routes.filter((r) => r.scope === "chat" && r.chatId === chatId) : [];
  return { instance: d.instance, chat: chatId ? d.chat : null, routes, agents: agentsOf(d, routes, true) };
}

/** The person part of loaded data; 404 `NOT_FOUND` for an unknown instance or person. */
export function personPartOf(d: ResolutionData, personId: string): PersonPart {
  if (!d.instance) throw notFound("Instance");
  if (!d.person) throw notFound("Person");
  const routes = d.routes.filter((r) => r.scope === "user" && r.personId === personId);
  return { person: d.person, hasIdentity: d.personHasIdentity, routes, agents: agentsOf(d, routes, false) };
}

/** The answer for (instance, chat, person) from its parts (pure: the rules of rules/resolution.ts). */
export function assemble(c: ChatPart, p: PersonPart | null, chatId: string | null, personId: string | null): ResolvedRoute {
  const { instance, chat } = c;
  const person = p?.person ?? null;
  const routes = [...c.routes, ...(p?.routes ?? [])];
  const agents = new Map([...c.agents, ...(p?.agents ?? [])].map((a) => [a.id, a]));
  const r = resolveRoute({
    chatId,
    personId,
    defaultAgentId: instance.defaultAgentId,
    routes: routes.map((x) => ({ ...x, scope: x.scope as "chat" | "user" })),
  });
  const winner = r.routeId ? routes.find((x) => x.id === r.routeId)! : null;
  const route: RouteView | null = winner
    ? {
        ...winner,
        instance: { id: instance.id, name: instance.name, channel: instance.channel },
        chat: winner.scope === "chat" && chat ? { id: chat.id, title: chat.title, externalId: chat.externalId, type: chat.type } : null,
        person: winner.scope === "user" ? person : null,
        agent: agents.get(winner.agentId)!,
      }
    : null;
  const agent = route ? route.agent : r.source === "instanceDefault" ? agents.get(instance.defaultAgentId!) ?? null : null;
  return {
    source: r.source,
    route,
    agent,
    candidates: r.candidates.map((x) => {
      const a = agents.get(x.agentId);
      return { ...x, agent: a ? { id: a.id, name: a.name } : null };
    }),
    tie: r.tie,
    warnings: r.warnings,
    instance: { id: instance.id, name: instance.name, defaultAgentId: instance.defaultAgentId },
    chatId,
    personId,
    cached: false,
  };
}
