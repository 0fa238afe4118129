// The resolution service: which agent answers (instance, chat, person), with an LRU cache in
// front of the database. An answer is assembled from two cached parts (lib/route-resolution):
// (instance, chat) — the instance, its default agent, the chat and its routes — and (instance,
// person) — the person, their routes and whether they have an identity there — so a new person in a known chat, or a known person in a
// new chat, reads only the missing part, in one SQL statement. The cache is invalidated
// precisely, through the change bus, whenever a route, the instance (its default agent), a
// person, a chat or an agent a part depends on changes, so the very next resolution after a
// change sees it. A part that was being read when a change that can affect it arrived is used
// but not cached (each read in flight is marked by the same rule that drops cached parts: a
// change to another chat or person leaves it alone, so steady writes elsewhere do not keep the
// cache from filling). Presence reports publish nothing, so they never evict.
import "server-only";
import { LRUCache } from "lru-cache";
import { personNotFound } from "../persons/merged-away";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { RouteTest } from "./schemas";
import { onChange, type ChangeEvent } from "../events/changes";
import { ResolverMetrics } from "./resolver-metrics";
import { noIdentityWarning } from "./identity-warning";
import { loadResolutionData } from "../route-resolution/resolution-query";
import { changeAffectsPart, type PartRef } from "../route-resolution/affected-parts";
import { assemble, chatPartOf, personPartOf, type ChatPart, type PersonPart, type ResolvedRoute } from "../route-resolution/resolution-parts";

export type { ResolvedRoute } from "../route-resolution/resolution-parts";

type Part = ChatPart | PersonPart;
type Entry = { value: Part; instanceId: string; chatId: string | null; personId: string | null; agentIds: string[] };
/**
 * A miss reading the database: the parts it reads (null: that part is not read; their agents are
 * not known yet) and whether a change that can affect each (changeAffectsPart) arrived meanwhile.
 */
type Reading = { chat: PartRef | null; person: PartRef | null; staleChat: boolean; stalePerson: boolean };

/** The part an entry holds, for changeAffectsPart. */
const partOf = (e: Entry): PartRef => e.personId
  ? { kind: "person", instanceId: e.instanceId, personId: e.personId, agentIds: e.agentIds }
  : { kind: "chat", instanceId: e.instanceId, chatId: e.chatId, agentIds: e.agentIds };

/** One uncached resolution, straight from the database (one statement). Throws NOT_FOUND for unknown ids. */
export async function computeResolution(input: RouteTest): Promise<ResolvedRoute> {
  const chatId = input.chatId ?? null;
  const personId = input.personId ?? null;
  const d = await loadResolutionData(input.instanceId, chatId, personId);
  const chatPart = chatPartOf(d, chatId);
  return assemble(chatPart, personId ? await personPartOrMergedAway(d, personId) : null, chatId, personId);
}

/** The person part; for an unknown person the 404 says where a merged-away id went (details.mergedInto). */
async function personPartOrMergedAway(d: Awaited<ReturnType<typeof loadResolutionData>>, personId: string): Promise<PersonPart> {
  if (d.instance && !d.person) throw await personNotFound(null, personId);
  return personPartOf(d, personId);
}

/** Keys of the two parts: `<instance>|c|<chat or "">` and `<instance>|p|<person>`. */
const chatKey = (instanceId: string, chatId: string | null) => `${instanceId}|c|${chatId ?? ""}`;
const personKey = (instanceId: string, personId: string) => `${instanceId}|p|${personId}`;

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
  /** the misses reading the database now: a change that may affect a part marks it, and it is not cached */
  private readonly reading = new Set<Reading>();
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

  /** Marks the reads in flight whose parts the change can affect (changeAffectsPart): they are answered but not cached. */
  private markReading(e: ChangeEvent) {
    for (const r of this.reading) {
      if (r.chat && changeAffectsPart(e, r.chat)) r.staleChat = true;
      if (r.person && changeAffectsPart(e, r.person)) r.stalePerson = true;
    }
  }

  /**
   * The keys of the cached parts `e` can affect: found through the indexes (by instance, chat,
   * person, agent), by the rule of changeAffectsPart (tests/integration/routes-cache.test.ts
   * checks that the two agree).
   */
  private affectedKeys(e: ChangeEvent): Iterable<string> {
    const onInstance = (instanceId: string, keys: Iterable<string>) => [...keys].filter((k) => k.startsWith(`${instanceId}|`));
    switch (e.kind) {
      case "instance":
        return this.byInstance.get(e.id) ?? [];
      case "route": {
        if (!e.chatIds && !e.personIds) return this.byInstance.get(e.instanceId) ?? [];
        const keys = new Set<string>();
        for (const c of e.chatIds ?? []) for (const k of onInstance(e.instanceId, this.byChat.get(c) ?? [])) keys.add(k);
        for (const p of e.personIds ?? []) for (const k of onInstance(e.instanceId, this.byPerson.get(p) ?? [])) keys.add(k);
        return keys;
      }
      case "person":
        return this.byPerson.get(e.id) ?? [];
      case "chat":
        return this.byChat.get(e.id) ?? [];
      case "agent":
        return this.byAgent.get(e.id) ?? [];
      case "all":
        return this.cache.keys();
      default:
        return [];
    }
  }

  /** The cached parts (key and part), most recently used first: for tests and diagnostics. */
  cachedParts(): { key: string; part: PartRef }[] {
    return [...this.cache.entries()].map(([key, e]) => ({ key, part: partOf(e) }));
  }

  /** Drops every entry the change can affect (and marks the reads in flight it can affect); returns how many. */
  onChange(e: ChangeEvent): number {
    this.markReading(e);
    const dropped = this.drop(this.affectedKeys(e));
    if (e.kind !== "apiKey") this.metrics.recordInvalidation(dropped);
    return dropped;
  }

  /** Resolves through the cache. Callers authorize first (see testRoute). */
  async resolve(input: RouteTest): Promise<ResolvedRoute> {
    return (await this.resolveWithParts(input)).resolved;
  }

  /**
   * resolve, plus the person part the answer was assembled from (null without a person): what
   * else the cache knows of (instance, person), e.g. whether the person has an identity there.
   */
  async resolveWithParts(input: RouteTest): Promise<{ resolved: ResolvedRoute; personPart: PersonPart | null }> {
    const started = performance.now();
    const chatId = input.chatId ?? null;
    const personId = input.personId ?? null;
    const ck = chatKey(input.instanceId, chatId);
    const pk = personId ? personKey(input.instanceId, personId) : null;
    let chatPart = this.cache.get(ck)?.value as ChatPart | undefined;
    let personPart = pk ? (this.cache.get(pk)?.value as PersonPart | undefined) : undefined;
    const hit = !!chatPart && (!pk || !!personPart);
    try {
      if (!hit) {
        const reading: Reading = {
          chat: chatPart ? null : { kind: "chat", instanceId: input.instanceId, chatId },
          person: personPart || !personId ? null : { kind: "person", instanceId: input.instanceId, personId },
          staleChat: false,
          stalePerson: false,
        };
        this.reading.add(reading);
        try {
          // one statement reads what is missing (the instance always comes with it)
          const d = await loadResolutionData(input.instanceId, chatPart ? null : chatId, personPart ? null : personId);
          const freshChat = chatPart ? undefined : chatPartOf(d, chatId);
          const freshPerson = personId && !personPart ? await personPartOrMergedAway(d, personId) : undefined;
          if (freshChat && !reading.staleChat) this.store(ck, { value: freshChat, instanceId: input.instanceId, chatId, personId: null, agentIds: freshChat.agents.map((a) => a.id) });
          if (freshPerson && !reading.stalePerson) this.store(pk!, { value: freshPerson, instanceId: input.instanceId, chatId: null, personId, agentIds: freshPerson.agents.map((a) => a.id) });
          chatPart ??= freshChat;
          personPart ??= freshPerson;
        } finally {
          this.reading.delete(reading);
        }
      }
      const value = assemble(chatPart!, personPart ?? null, chatId, personId);
      return { resolved: hit ? { ...value, cached: true } : value, personPart: personPart ?? null };
    } finally {
      this.metrics.record(hit, performance.now() - started);
    }
  }

  private store(key: string, entry: Entry) {
    this.cache.set(key, entry);
    this.index(key, entry);
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
  const { resolved, personPart } = await routeResolver().resolveWithParts(input);
  // Only a person route can be unusable for want of an identity. Whether the person has one on
  // the instance comes with the (cached) person part: every identity move publishes a person
  // change, which drops that part.
  const personRoutes = resolved.candidates.filter((c) => c.scope === "user").map((c) => c.routeId);
  if (personRoutes.length === 0 || !personPart || personPart.hasIdentity) return resolved;
  return { ...resolved, warnings: [...resolved.warnings, noIdentityWarning(resolved.instance.name, personRoutes)] };
}

export type RouteMetrics = ReturnType<RouteResolver["stats"]>;

export function routeMetrics(p: Principal): RouteMetrics {
  requireScope(p, "routes:read");
  return routeResolver().stats();
}
