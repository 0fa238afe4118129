// Sign-in sessions as rows (table Session): one per sign-in, named by the session cookie. A row
// that is revoked, idle for longer than the cookie lives, or gone (user deleted) signs nobody in.
// Every change here is announced on the change bus so each app process drops its cached copy
// (session-state.ts) before the caller hears back.
import "server-only";
import { prisma } from "../db";
import type { Tx } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { flushChangeBus } from "../events/change-bus";

/** How long a session cookie lives, and how long a session may sit idle: 12 hours (seconds). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The oldest `lastSeenAt` a session may have and still count as active. */
export const activeSince = (now = new Date()) => new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);

/** Opens a session for a user who just signed in; returns its id (the cookie carries it). */
export async function createSession(input: { userId: string; ip?: string | null; userAgent?: string | null }): Promise<string> {
  const row = await prisma.session.create({
    data: { userId: input.userId, ip: input.ip?.slice(0, 100) ?? null, userAgent: input.userAgent?.slice(0, 500) ?? null },
    select: { id: true },
  });
  return row.id;
}

/**
 * Ends one session (sign-out). Unknown or already-ended ids are ignored. Resolves once every app
 * process has been told, so the next request with that cookie is refused anywhere.
 */
export async function endSession(sessionId: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  emitChange({ kind: "session", id: sessionId });
  await flushChangeBus();
}

/**
 * Revokes every live session of a user inside the caller's transaction (except `exceptSessionId`,
 * e.g. the session changing its own password). Returns how many were live. The caller emits
 * `{ kind: "user" }` after the commit so caches drop them.
 */
export async function revokeUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<number> {
  const r = await tx.session.updateMany({
    where: { userId, revokedAt: null, lastSeenAt: { gt: activeSince() }, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  // idle ones are dead already; mark them too so nothing can revive them
  await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return r.count;
}

/** Live (not revoked, not idle) sessions per user id. */
export async function countActiveSessions(userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await prisma.session.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, revokedAt: null, lastSeenAt: { gt: activeSince() } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.userId, r._count._all]));
}
