// The resolution service: which agent answers (instance, chat, person), with an LRU cache in
// front of the database. The cache is invalidated precisely, through the change bus, whenever a
// route, the instance (its default agent), a person, a chat or an agent an entry depends on
// changes, so the very next resolution after a change sees it. A resolution that was already
// reading the database when a change arrived is answered but not cached (generation check).
import "server-only";
import { LRUCache } from "lru-cache";
import { prisma } from "../db";
import { personNotFound } from "../persons/merged-away";
import { notFound } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import { resolveRoute, type CandidateVerdict, type Resolution, type ResolutionSource } from "./rules/resolution";
import type { RouteTest } from "./schemas";
import { onChange, type ChangeEvent } from "../events/changes";
import { ResolverMetrics } from "./resolver-metrics";
import { routeFieldsSelect, type RouteView } from "./route-records";

type AgentRef = { id: string; name: string; provider: string; model: string | null };

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

type Entry = { value: ResolvedRoute; instanceId: string; chatId: string | null; personId: string | null; agentIds: string[] };

const agentSelect = { id: true, name: true, provider: true, model: true } as const;

/** One uncached resolution, straight from the database. Throws NOT_FOUND for unknown ids. */
export async function computeResolution(input: RouteTest): Promise<ResolvedRoute> {
  const chatId = input.chatId ?? null;
  const personId = input.personId ?? null;
  // Each lookup is one equality on its own index (chatId, personId); the instance and scope are
  // checked here, so no OR across columns keeps SQLite / PostgreSQL from using an index. No
  // relation loads: the names are joined in memory (one query for all the agents involved).
  const [instance, chat, person, chatRoutes, personRoutes] = await Promise.all([
    prisma.instance.findUnique({ where: { id: input.instanceId }, select: { id: true, name: true, channel: true, defaultAgentId: true } }),
    chatId ? prisma.chat.findUnique({ where: { id: chatId }, select: { id: true, instanceId: true, title: true, externalId: true, type: true } }) : null,
    personId ? prisma.person.findUnique({ where: { id: personId }, select: { id: true, displayName: true, primaryPhone: true, primaryEmail: true } }) : null,
    chatId ? prisma.agentRoute.findMany({ where: { chatId }, select: routeFieldsSelect }) : [],
    personId ? prisma.agentRoute.findMany({ where: { personId }, select: routeFieldsSelect }) : [],
  ]);
  if (!instance) throw notFound("Instance");
  if (chatId && (!chat || chat.instanceId !== instance.id)) throw notFound("Chat");
  if (personId && !person) throw await personNotFound(null, personId);
  const routes = [
    ...chatRoutes.filter((r) => r.scope === "chat" && r.instanceId === input.instanceId),
    ...personRoutes.filter((r) => r.scope === "user" && r.instanceId === input.instanceId),
  ];
  const agentIds = [...new Set([...routes.map((x) => x.agentId), ...(instance.defaultAgentId ? [instance.defaultAgentId] : [])])];
  const agents = new Map(
    (agentIds.length ? await prisma.agent.findMany({ where: { id: { in: agentIds } }, select: agentSelect }) : []).map((a) => [a.id, a]),
  );

  const r = resolveRoute({
    chatId,
    personId,
    defaultAgentId: instance.defaultAgentId,
    routes: routes.map((x) => ({ ...x, scope: x.scope as "chat" | "user" })),
  });
  const byId = new Map(routes.map((x) => [x.id, x]));
  const winner = r.routeId ? byId.get(r.routeId)! : null;
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
    candidates: r.candidates.map((c) => {
      const a = agents.get(c.agentId);
      return { ...c, agent: a ? { id: a.id, name: a.name } : null };
    }),
    tie: r.tie,
    warnings: r.warnings,
    instance: { id: instance.id, name: instance.name, defaultAgentId: instance.defaultAgentId },
    chatId,
    personId,
    cached: false,
  };
}

const cacheKey = (instanceId: string, chatId: string | null, personId: string | null) => `${instanceId}|${chatId ?? ""}|${personId ?? ""}`;

function addTo(index: Map<string, Set<string>>, id: string | null, key: string) {
  if (!id) return;
  let s = index.get(id);
  if (!s) index.set(id, (s = new Set()));
  s.add(key);
}
function removeFrom(index: Map<string, Set<string>>, id: string | null, key: string) {
  if (!id) return;
  const s = index.get(id);
  if (!s) return;
  s.delete(key);
  if (!s.size) index.delete(id);
}

export class RouteResolver {
  readonly metrics = new ResolverMetrics();
  private readonly cache: LRUCache<string, Entry>;
  private readonly byInstance = new Map<string, Set<string>>();
  private readonly byChat = new Map<string, Set<string>>();
  private readonly byPerson = new Map<string, Set<string>>();
  private readonly byAgent = new Map<string, Set<string>>();
  /** bumped by every invalidating change; a miss started under an older generation is not cached */
  private generation = 0;
  private unsubscribe: () => void;

  constructor(readonly maxSize = Number(process.env.OMNI_ROUTE_CACHE_SIZE) || 10_000, ttlMs = Number(process.env.OMNI_ROUTE_CACHE_TTL_MS) || 10 * 60_000) {
    this.cache = new LRUCache<string, Entry>({
      max: maxSize,
      // A safety net for writes this process does not see (another process on the same
      // database); changes made through the services invalidate at once.
      ttl: ttlMs,
      dispose: (entry, key) => this.unindex(key, entry),
    });
    this.unsubscribe = onChange((e) => this.onChange(e));
  }

  get size(): number {
    return this.cache.size;
  }

  private index(key: string, e: Entry) {
    addTo(this.byInstance, e.instanceId, key);
    addTo(this.byChat, e.chatId, key);
    addTo(this.byPerson, e.personId, key);
    for (const a of e.agentIds) addTo(this.byAgent, a, key);
  }
  private unindex(key: string, e: Entry) {
    removeFrom(this.byInstance, e.instanceId, key);
    removeFrom(this.byChat, e.chatId, key);
    removeFrom(this.byPerson, e.personId, key);
    for (const a of e.agentIds) removeFrom(this.byAgent, a, key);
  }

  private drop(keys: Iterable<string>): number {
    let n = 0;
    for (const k of [...keys]) if (this.cache.delete(k)) n++;
    return n;
  }

  /** Drops every entry the change can affect; returns how many. */
  onChange(e: ChangeEvent): number {
    this.generation++;
    let dropped = 0;
    switch (e.kind) {
      case "instance":
        dropped = this.drop(this.byInstance.get(e.id) ?? []);
        break;
      case "route": {
        if (!e.chatIds && !e.personIds) {
          dropped = this.drop(this.byInstance.get(e.instanceId) ?? []);
          break;
        }
        const keys = new Set<string>();
        for (const c of e.chatIds ?? []) for (const k of this.byChat.get(c) ?? []) keys.add(k);
        for (const p of e.personIds ?? []) {
          for (const k of this.byPerson.get(p) ?? []) if (k.startsWith(`${e.instanceId}|`)) keys.add(k);
        }
        dropped = this.drop(keys);
        break;
      }
      case "person":
        dropped = this.drop(this.byPerson.get(e.id) ?? []);
        break;
      case "chat":
        dropped = this.drop(this.byChat.get(e.id) ?? []);
        break;
      case "agent":
        dropped = this.drop(this.byAgent.get(e.id) ?? []);
        break;
      case "apiKey":
        this.generation--; // keys do not affect resolutions
        return 0;
      case "all":
        dropped = this.cache.size;
        this.cache.clear();
        break;
    }
    this.metrics.recordInvalidation(dropped);
    return dropped;
  }

  /** Resolves through the cache. Callers authorize first (see resolveForPrincipal). */
  async resolve(input: RouteTest): Promise<ResolvedRoute> {
    const started = performance.now();
    const chatId = input.chatId ?? null;
    const personId = input.personId ?? null;
    const key = cacheKey(input.instanceId, chatId, personId);
    const hit = this.cache.get(key);
    if (hit) {
      this.metrics.record(true, performance.now() - started);
      return { ...hit.value, cached: true };
    }
    const gen = this.generation;
    try {
      const value = await computeResolution({ instanceId: input.instanceId, chatId, personId });
      if (gen === this.generation) {
        const agentIds = [...new Set([value.agent?.id, ...value.candidates.map((c) => c.agentId)].filter((x): x is string => !!x))];
        const entry: Entry = { value, instanceId: input.instanceId, chatId, personId, agentIds };
        this.cache.set(key, entry);
        this.index(key, entry);
      }
      return value;
    } finally {
      this.metrics.record(false, performance.now() - started);
    }
  }

  clear(): void {
    this.cache.clear();
  }

  resetMetrics(): void {
    this.metrics.reset();
  }

  stats() {
    return { ...this.metrics.snapshot(), size: this.cache.size, maxSize: this.maxSize };
  }

  close(): void {
    this.unsubscribe();
    this.cache.clear();
  }
}

const g = globalThis as unknown as { omniRouteResolver?: RouteResolver };

/** The one resolver of this process (API handlers, server actions and pages share it). */
export function routeResolver(): RouteResolver {
  return (g.omniRouteResolver ??= new RouteResolver());
}

/** POST /routes/test and the tester page: authorize, then resolve through the cache. */
export async function testRoute(p: Principal, input: RouteTest): Promise<ResolvedRoute> {
  requireScope(p, "routes:read");
  requireInstance(p, input.instanceId);
  return routeResolver().resolve(input);
}

export type RouteMetrics = ReturnType<RouteResolver["stats"]>;

export function routeMetrics(p: Principal): RouteMetrics {
  requireScope(p, "routes:read");
  return routeResolver().stats();
}
