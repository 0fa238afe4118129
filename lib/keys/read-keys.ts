// API keys: issued by admins, used by automation. The raw key is returned once, never stored
// (only its SHA-256 and display prefix). Reads here; changes in api-keys-lifecycle.ts.
import { prisma } from "../db";
import { forbidden, notFound, validationError } from "../errors";
import { coversScopes } from "../auth/rules/scopes";
import { generateApiKey, hashApiKey, keyDisplayPrefix } from "./rules/key-format";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyCreate, KeyListQuery } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { pageArgs, toPage } from "../db/pagination";
import { pendingUsageOf } from "./usage-buffer";
import type { ApiKey, Prisma } from "../generated/prisma/client";

export type KeyStatus = "active" | "revoked" | "expired";

/** Revoked once revokedAt has passed (a roll's grace period puts it in the future). */
export function keyStatus(k: Pick<ApiKey, "status" | "expiresAt" | "revokedAt">, now = new Date()): KeyStatus {
  if (k.status === "revoked" && (!k.revokedAt || k.revokedAt <= now)) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
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

/**
 * A caller may only hand on what it has: scopes covered by its own, and instances inside its own
 * restriction (a restricted caller cannot issue an unrestricted key).
 */
export async function checkGrant(p: Principal, input: { scopes?: string[]; instanceIds?: string[] | null }) {
  if (input.scopes && !coversScopes(p.scopes, input.scopes)) {
    const missing = input.scopes.filter((s) => !coversScopes(p.scopes, [s]));
    throw forbidden(`A key cannot grant scopes its creator does not have: ${missing.join(", ")}.`, {
      requestedScopes: input.scopes,
      missingScopes: missing,
    });
  }
  if (input.instanceIds !== undefined && p.instanceIds !== null) {
    const ids = input.instanceIds ?? [];
    if (ids.length === 0 || ids.some((id) => !p.instanceIds!.includes(id))) {
      throw forbidden("A key cannot reach instances its creator cannot.");
    }
  }
  if (input.instanceIds && input.instanceIds.length) {
    const unique = [...new Set(input.instanceIds)];
    const found = await prisma.instance.findMany({ where: { id: { in: unique } }, select: { id: true } });
    if (found.length !== unique.length) {
      const known = new Set(found.map((f) => f.id));
      throw validationError("Unknown instance.", {
        instanceIds: [`No such instance: ${unique.filter((id) => !known.has(id)).join(", ")}.`],
      });
    }
  }
}

export function assertFuture(expiresAt: string | null | undefined, field = "expiresAt") {
  if (expiresAt && new Date(expiresAt) <= new Date()) {
    throw validationError("Expiry must be in the future.", { [field]: ["Must be in the future."] });
  }
}

/** [] and null both mean "every instance". */
export const normalizeInstances = (ids: string[] | null | undefined) => (ids && ids.length ? [...new Set(ids)] : null);

export async function createApiKey(p: Principal, input: KeyCreate) {
  requireScope(p, "keys:write");
  await checkGrant(p, { ...input, instanceIds: input.instanceIds ?? null }); // omitted = every instance
  assertFuture(input.expiresAt);
  const raw = generateApiKey();
  const instanceIds = normalizeInstances(input.instanceIds);
  const row = await prisma.$transaction(async (tx) => {
    const k = await tx.apiKey.create({
      data: {
        name: input.name,
        description: input.description || null,
        prefix: keyDisplayPrefix(raw),
        keyHash: hashApiKey(raw),
        scopes: [...new Set(input.scopes)],
        instanceIds: instanceIds ?? undefined,
        rateLimit: input.rateLimit ?? null,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        createdById: p.type === "system" ? null : p.id,
        createdByLabel: p.name,
      },
    });
    await writeAudit(tx, p, { action: "key.create", targetType: "apiKey", targetId: k.id, after: keyAuditView(k) });
    return k;
  });
  return { ...keyView(row), key: raw };
}

/** Prisma filter for a computed status at `now`. */
export function statusWhere(status: KeyStatus | undefined, now = new Date()): Prisma.ApiKeyWhereInput {
  const notExpired: Prisma.ApiKeyWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const revoked: Prisma.ApiKeyWhereInput = { status: "revoked", OR: [{ revokedAt: null }, { revokedAt: { lte: now } }] };
  switch (status) {
    case undefined:
      return {};
    case "revoked":
      return revoked;
    case "expired":
      return { NOT: revoked, expiresAt: { lte: now } };
    case "active":
      return { NOT: revoked, AND: [notExpired] };
  }
}

export async function listApiKeys(p: Principal, q: KeyListQuery) {
  requireScope(p, "keys:read");
  const rows = await prisma.apiKey.findMany({
    where: statusWhere(q.status),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(keyView), nextCursor: page.nextCursor };
}

export async function findKey(id: string): Promise<ApiKey> {
  const k = await prisma.apiKey.findUnique({ where: { id } });
  if (!k) throw notFound("API key");
  return k;
}

export async function getApiKey(p: Principal, id: string) {
  requireScope(p, "keys:read");
  return keyView(await findKey(id));
}
