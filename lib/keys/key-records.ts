// Key rows: the finders every key operation shares (scopes unchecked: callers check them; the
// instance restriction checked here) and the public shapes a key is shown in (never its hash).
// Usage not yet flushed is counted in.
import "server-only";
import { prisma } from "../db";
import { notFound } from "../errors";
import type { ApiKey, Prisma } from "../generated/prisma/client";
import type { Principal } from "../auth/principal";
import { canManageKey } from "../auth/instance-policy";
import type { Tx } from "../audit/write-audit";
import { pendingUsageOf } from "./usage-buffer";
import { keyStatus } from "./rules/key-status";

/** The instances a key is restricted to; null = every instance. */
export const keyInstances = (k: Pick<ApiKey, "instanceIds">): string[] | null => (Array.isArray(k.instanceIds) ? (k.instanceIds as string[]) : null);

/**
 * The key row with this id if the principal may manage it (an instance-restricted principal: only
 * keys whose instances are inside its own, never an unrestricted key); 404 `NOT_FOUND` otherwise.
 */
export async function findManagedKey(p: Principal, id: string, db: Tx | typeof prisma = prisma): Promise<ApiKey> {
  const k = await db.apiKey.findUnique({ where: { id } });
  if (!k || !canManageKey(p, keyInstances(k))) throw notFound("API key");
  return k;
}

/**
 * Prisma `where` for the keys the principal may manage. Key instance sets are JSON, so for a
 * restricted principal this reads the id and instances of every key (a small table) once.
 */
export async function managedKeysWhere(p: Principal): Promise<Prisma.ApiKeyWhereInput> {
  if (p.instanceIds === null) return {};
  const rows = await prisma.apiKey.findMany({ select: { id: true, instanceIds: true } });
  return { id: { in: rows.filter((k) => canManageKey(p, keyInstances(k))).map((k) => k.id) } };
}

/** The key row whose SHA-256 (hex) is `hash`, or null: how a Bearer key is looked up. */
export async function findKeyByHash(hash: string): Promise<ApiKey | null> {
  return prisma.apiKey.findUnique({ where: { keyHash: hash } });
}

/** The public shape of a key (never the hash). Usage not yet flushed is counted in. */
export function keyView(k: ApiKey) {
  const pending = pendingUsageOf(k.id);
  const lastUsedAt = pending && (!k.lastUsedAt || pending.lastAt > k.lastUsedAt) ? pending.lastAt : k.lastUsedAt;
  return {
    id: k.id,
    name: k.name,
    description: k.description,
    prefix: k.prefix,
    scopes: k.scopes as string[],
    instanceIds: (k.instanceIds as string[] | null) ?? null,
    rateLimit: k.rateLimit,
    expiresAt: k.expiresAt,
    status: keyStatus(k),
    revokedAt: k.revokedAt,
    revokedBy: k.revokedBy,
    revokeReason: k.revokeReason,
    rolledFromId: k.rolledFromId,
    lastUsedAt,
    lastUsedIp: lastUsedAt === k.lastUsedAt ? k.lastUsedIp : pending!.lastIp,
    usageCount: k.usageCount + (pending?.count ?? 0),
    createdBy: k.createdByLabel,
    createdById: k.createdById,
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
  };
}
export type KeyView = ReturnType<typeof keyView>;

/** The key settings as recorded in audit events (no usage counters, never the hash). */
export function keyAuditView(k: ApiKey) {
  const { lastUsedAt: _a, lastUsedIp: _b, usageCount: _c, ...rest } = keyView(k);
  void _a; void _b; void _c;
  return rest;
}
