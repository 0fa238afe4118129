// API keys: issued by admins, used by automation. The raw key is returned once, never stored.
import { prisma } from "../db";
import { forbidden, validationError } from "../errors";
import { coversScopes } from "../auth/scopes";
import { generateApiKey, hashApiKey, keyDisplayPrefix } from "../auth/key-format";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyCreate } from "../schemas/keys";
import { writeAudit } from "./audit-write";
import type { ApiKey } from "../generated/prisma/client";

export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(k: Pick<ApiKey, "status" | "expiresAt">, now = new Date()): KeyStatus {
  if (k.status === "revoked") return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
}

/** The public shape of a key (never the hash). */
export function keyView(k: ApiKey) {
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
    lastUsedAt: k.lastUsedAt,
    lastUsedIp: k.lastUsedIp,
    usageCount: k.usageCount,
    createdBy: k.createdByLabel,
    createdById: k.createdById,
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
  };
}

async function checkGrant(p: Principal, input: { scopes?: string[]; instanceIds?: string[] | null }) {
  if (input.scopes && !coversScopes(p.scopes, input.scopes)) {
    throw forbidden("A key cannot grant scopes its creator does not have.", { requestedScopes: input.scopes });
  }
  if (input.instanceIds !== undefined && p.instanceIds !== null) {
    const ids = input.instanceIds ?? [];
    if (ids.length === 0 || ids.some((id) => !p.instanceIds!.includes(id))) {
      throw forbidden("A key cannot reach instances its creator cannot.");
    }
  }
  if (input.instanceIds && input.instanceIds.length) {
    const found = await prisma.instance.count({ where: { id: { in: input.instanceIds } } });
    if (found !== new Set(input.instanceIds).size) {
      throw validationError("Unknown instance.", { instanceIds: ["One or more instances do not exist."] });
    }
  }
}

export async function createApiKey(p: Principal, input: KeyCreate) {
  requireScope(p, "keys:write");
  await checkGrant(p, input);
  if (input.expiresAt && new Date(input.expiresAt) <= new Date()) {
    throw validationError("Expiry must be in the future.", { expiresAt: ["Must be in the future."] });
  }
  const raw = generateApiKey();
  const instanceIds = input.instanceIds && input.instanceIds.length ? [...new Set(input.instanceIds)] : null;
  const row = await prisma.$transaction(async (tx) => {
    const k = await tx.apiKey.create({
      data: {
        name: input.name,
        description: input.description ?? null,
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
    await writeAudit(tx, p, { action: "key.create", targetType: "apiKey", targetId: k.id, after: keyView(k) });
    return k;
  });
  return { ...keyView(row), key: raw };
}
