// Bearer key → principal. Verified keys are cached by hash (no DB round trip per request);
// a key change in this process drops its entry at once (change-events).
import "server-only";
import { LRUCache } from "lru-cache";
import { unauthenticated } from "../errors";
import { hashApiKey, looksLikeApiKey } from "../keys/rules/key-format";
import { onChange } from "../events/changes";
import { findKeyByHash } from "../keys/key-records";
import type { Principal } from "./principal";

type CachedKey = {
  id: string;
  name: string;
  scopes: string[];
  instanceIds: string[] | null;
  rateLimit: number | null;
  expiresAt: number | null;
  /** when the key stops (stopped) working by revocation; in the future during a roll's grace period */
  revokedAt: number | null;
};

const g = globalThis as unknown as { omniKeyCache?: LRUCache<string, CachedKey | false>; omniKeyCacheSub?: boolean };
const cache = (g.omniKeyCache ??= new LRUCache<string, CachedKey | false>({ max: 10_000, ttl: 60_000 }));
if (!g.omniKeyCacheSub) {
  g.omniKeyCacheSub = true;
  onChange((e) => {
    if (e.kind === "all") return cache.clear();
    if (e.kind !== "apiKey") return;
    for (const [hash, v] of cache.entries()) if (v && v.id === e.id) cache.delete(hash);
  });
}

export const keyCacheStats = { hits: 0, misses: 0 };

async function load(hash: string): Promise<CachedKey | false> {
  const k = await findKeyByHash(hash);
  if (!k) return false;
  return {
    id: k.id,
    name: k.name,
    scopes: k.scopes as string[],
    instanceIds: (k.instanceIds as string[] | null) ?? null,
    rateLimit: k.rateLimit,
    expiresAt: k.expiresAt ? k.expiresAt.getTime() : null,
    revokedAt: k.status === "revoked" ? (k.revokedAt ?? new Date(0)).getTime() : null,
  };
}

export async function verifyApiKey(raw: string): Promise<Principal> {
  if (!looksLikeApiKey(raw)) throw unauthenticated("Invalid API key: not an Omni key (expected omni_sk_…).");
  // Lookup by SHA-256 of the key: the comparison happens on a unique index of hashes, so the
  // timing reveals nothing about the key (no character-by-character compare of secrets).
  const hash = hashApiKey(raw);
  let entry = cache.get(hash);
  if (entry === undefined) {
    keyCacheStats.misses++;
    entry = await load(hash);
    cache.set(hash, entry, entry ? undefined : { ttl: 5_000 });
  } else keyCacheStats.hits++;
  if (!entry) throw unauthenticated("Invalid API key: unknown key.");
  if (entry.revokedAt !== null && entry.revokedAt <= Date.now()) throw unauthenticated("API key revoked.");
  if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) throw unauthenticated("API key expired.");
  return {
    type: "apiKey",
    id: entry.id,
    name: entry.name,
    scopes: entry.scopes,
    instanceIds: entry.instanceIds,
    rateLimit: entry.rateLimit,
  };
}

export function clearKeyCache() {
  cache.clear();
}
