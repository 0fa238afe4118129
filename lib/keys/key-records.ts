// Key rows: the internal finders every key operation shares (unchecked: callers authorize) and
// the public shapes a key is shown in (never its hash). Usage not yet flushed is counted in.
import "server-only";
import { prisma } from "../db";
import { notFound } from "../errors";
import type { ApiKey } from "../generated/prisma/client";
import type { Tx } from "../audit/write-audit";
import { pendingUsageOf } from "./usage-buffer";
import { keyStatus } from "./rules/key-status";

/** The key row with this id, whoever asks; 404 `NOT_FOUND` when there is none. */
export async function findKey(id: string, db: Tx | typeof prisma = prisma): Promise<ApiKey> {
  const k = await db.apiKey.findUnique({ where: { id } });
  if (!k) throw notFound("API key");
  return k;
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
