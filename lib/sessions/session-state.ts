// Is this session cookie still good, and who is it? Read fresh from the Session and User rows on
// every request — through a small LRU cache that the change bus empties in every app process
// when a session ends or its user changes (role, disabled, password, deletion), so a sign-out,
// a disable or a role change applies on the user's very next request, wherever it lands.
import "server-only";
import { LRUCache } from "lru-cache";
import { prisma } from "../db";
import { onChange } from "../events/changes";
import { isRole, type Role } from "../auth/rules/scopes";
import { activeSince } from "./session-store";
import { signInMethods } from "../sso/config";
import { twoFactorRequired } from "../sso/rules/sign-in-methods";

/** What a request may trust about a signed-in user (nothing of it comes from the cookie). */
export type SessionUser = {
  sessionId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  mustChangePassword: boolean;
  /**
   * OMNI_REQUIRE_2FA covers this password account's role and it has no second factor yet: until
   * it enrols, the session reaches its own account and nothing else (pages, actions and API).
   */
  twoFactorDue: boolean;
};

type Entry = SessionUser & { lastSeenAt: number };

/** lastSeenAt is written at most this often per session (ms). */
const TOUCH_EVERY_MS = 60_000;

const g = globalThis as unknown as { omniSessionCache?: LRUCache<string, Entry | false>; omniSessionCacheSub?: boolean };
const cache = (g.omniSessionCache ??= new LRUCache<string, Entry | false>({ max: 10_000, ttl: 60_000 }));
if (!g.omniSessionCacheSub) {
  g.omniSessionCacheSub = true;
  onChange((e) => {
    if (e.kind === "all") return cache.clear();
    if (e.kind === "session") return void cache.delete(e.id);
    if (e.kind !== "user") return;
    for (const [sid, v] of cache.entries()) if (!v || v.userId === e.id) cache.delete(sid);
  });
}

async function load(sessionId: string): Promise<Entry | false> {
  const s = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true, lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabled: true, mustChangePassword: true, authMethod: true, twoFactorEnabled: true } },
    },
  });
  if (!s || s.revokedAt || s.user.disabled || !isRole(s.user.role)) return false;
  return {
    sessionId,
    userId: s.user.id,
    email: s.user.email,
    name: s.user.name,
    role: s.user.role,
    mustChangePassword: s.user.mustChangePassword,
    twoFactorDue: s.user.authMethod === "password" && !s.user.twoFactorEnabled && twoFactorRequired(signInMethods().twoFactor, s.user.role),
    lastSeenAt: s.lastSeenAt.getTime(),
  };
}

/**
 * The user behind a session cookie's claims (`sid`, `sub`), or null when the session was ended,
 * sat idle past its lifetime, or its user is disabled or gone. Also records the session as seen
 * (at most once a minute).
 */
export async function resolveSession(sessionId: unknown, userId: unknown): Promise<SessionUser | null> {
  if (typeof sessionId !== "string" || typeof userId !== "string" || !sessionId) return null;
  let entry = cache.get(sessionId);
  if (entry === undefined) {
    entry = await load(sessionId);
    cache.set(sessionId, entry);
  }
  if (!entry || entry.userId !== userId) return null;
  const now = Date.now();
  if (entry.lastSeenAt <= activeSince(new Date(now)).getTime()) {
    cache.set(sessionId, false);
    return null;
  }
  if (now - entry.lastSeenAt > TOUCH_EVERY_MS) {
    entry.lastSeenAt = now;
    prisma.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
  }
  const { lastSeenAt: _seen, ...user } = entry;
  void _seen;
  return user;
}

/** Empties this process's cache (tests). */
export function clearSessionCache() {
  cache.clear();
}
