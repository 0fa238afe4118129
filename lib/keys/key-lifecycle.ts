// API key changes: update, revoke, roll (replace), delete. Each is audited in its transaction and
// takes effect at once in this process's verification cache (change event "apiKey").
import { prisma } from "../db";
import { conflict, forbidden, validationError } from "../errors";
import { coversScopes } from "../auth/rules/scopes";
import { generateApiKey, hashApiKey, keyDisplayPrefix } from "./rules/key-format";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyRevoke, KeyRoll, KeyUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { forgetKeyUsage } from "./usage-buffer";
import { assertFuture, checkGrant, findKey, keyAuditView, keyStatus, keyView, normalizeInstances } from "./read-keys";
import { Prisma, type ApiKey } from "../generated/prisma/client";

const changed = (id: string) => emitChange({ kind: "apiKey", id });

/**
 * Changing or re-issuing a key is handing out its rights again: the caller must hold every scope
 * the key has and reach every instance it reaches. (Revoking and deleting only take rights away.)
 */
function requireCovers(p: Principal, k: Pick<ApiKey, "scopes" | "instanceIds">) {
  const scopes = k.scopes as string[];
  const instances = (k.instanceIds as string[] | null) ?? null;
  const instancesOk = p.instanceIds === null || (instances !== null && instances.every((i) => p.instanceIds!.includes(i)));
  if (!coversScopes(p.scopes, scopes) || !instancesOk) {
    throw forbidden("This key has rights beyond yours: only a caller holding all of them can change or roll it.");
  }
}

export async function updateApiKey(p: Principal, id: string, input: KeyUpdate) {
  requireScope(p, "keys:write");
  const before = await findKey(id);
  requireCovers(p, before);
  await checkGrant(p, input);
  assertFuture(input.expiresAt);
  const data: Record<string, unknown> = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.description !== undefined) data.description = input.description || null;
  if (input.scopes !== undefined) data.scopes = [...new Set(input.scopes)];
  // [] and null both unrestrict; Prisma wants its DbNull sentinel for a SQL NULL in a Json column.
  if (input.instanceIds !== undefined) data.instanceIds = normalizeInstances(input.instanceIds) ?? Prisma.DbNull;
  if (input.rateLimit !== undefined) data.rateLimit = input.rateLimit;
  if (input.expiresAt !== undefined) data.expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const row = await prisma.$transaction(async (tx) => {
    const after = await tx.apiKey.update({ where: { id }, data });
    await writeAudit(tx, p, { action: "key.update", targetType: "apiKey", targetId: id, before: keyAuditView(before), after: keyAuditView(after) });
    return after;
  });
  changed(id);
  return keyView(row);
}

export async function revokeApiKey(p: Principal, id: string, input: KeyRevoke = {}) {
  requireScope(p, "keys:write");
  const before = await findKey(id);
  if (keyStatus(before) === "revoked") throw conflict("This API key is already revoked.", { revokedAt: before.revokedAt });
  const now = new Date();
  const row = await prisma.$transaction(async (tx) => {
    const after = await tx.apiKey.update({
      where: { id },
      data: { status: "revoked", revokedAt: now, revokedBy: p.name, revokeReason: input.reason || null },
    });
    await writeAudit(tx, p, {
      action: "key.revoke", targetType: "apiKey", targetId: id, reason: input.reason || null,
      before: keyAuditView(before), after: keyAuditView(after),
    });
    return after;
  });
  changed(id);
  return keyView(row);
}

/**
 * Issues a replacement with the same settings and revokes the old key, at once or after a grace
 * period (the old key keeps working until then, so a deploy can pick up the new one).
 */
export async function rollApiKey(p: Principal, id: string, input: KeyRoll) {
  requireScope(p, "keys:write");
  const old = await findKey(id);
  if (keyStatus(old) === "revoked") throw conflict("A revoked key cannot be rolled: create a new key instead.");
  requireCovers(p, old);
  const expiresAt = input.expiresAt !== undefined ? (input.expiresAt ? new Date(input.expiresAt) : null) : old.expiresAt;
  if (expiresAt && expiresAt <= new Date()) {
    throw validationError("The replacement would be expired at once: give it a new expiry.", {
      expiresAt: ["Must be in the future (the old key's expiry has passed)."],
    });
  }
  const now = new Date();
  const revokeAt = new Date(now.getTime() + (input.gracePeriodSeconds ?? 0) * 1000);
  const raw = generateApiKey();
  const reason = input.reason || `Rolled${input.gracePeriodSeconds ? ` (grace period ${input.gracePeriodSeconds} s)` : ""}`;
  const { next, oldAfter } = await prisma.$transaction(async (tx) => {
    const next = await tx.apiKey.create({
      data: {
        name: old.name,
        description: old.description,
        prefix: keyDisplayPrefix(raw),
        keyHash: hashApiKey(raw),
        scopes: old.scopes as string[],
        instanceIds: (old.instanceIds as string[] | null) ?? undefined,
        rateLimit: old.rateLimit,
        expiresAt,
        rolledFromId: old.id,
        createdById: p.type === "system" ? null : p.id,
        createdByLabel: p.name,
      },
    });
    const oldAfter = await tx.apiKey.update({
      where: { id },
      data: { status: "revoked", revokedAt: revokeAt, revokedBy: p.name, revokeReason: reason },
    });
    await writeAudit(tx, p, {
      action: "key.roll", targetType: "apiKey", targetId: id, reason,
      before: keyAuditView(old), after: { replacedBy: keyAuditView(next), old: keyAuditView(oldAfter) },
      subjects: [next.id],
    });
    return { next, oldAfter };
  });
  changed(id);
  return { ...keyView(next), key: raw, previous: keyView(oldAfter) };
}

export async function deleteApiKey(p: Principal, id: string) {
  requireScope(p, "keys:write");
  const before = await findKey(id);
  await prisma.$transaction(async (tx) => {
    await tx.apiKey.delete({ where: { id } });
    await writeAudit(tx, p, { action: "key.delete", targetType: "apiKey", targetId: id, before: keyAuditView(before) });
  });
  forgetKeyUsage(id);
  changed(id);
  return { id, deleted: true as const };
}
