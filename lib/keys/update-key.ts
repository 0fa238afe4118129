// Change a key's name, description, scopes, instances, rate limit or expiry.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { Prisma } from "../generated/prisma/client";
import { findManagedKey, keyAuditView, keyView } from "./key-records";
import { assertFuture, checkGrant, normalizeInstances, requireCovers } from "./grant";

/**
 * Updates a key (`keys:write`, the caller must cover the key's rights), audited `key.update`; 404
 * when unknown or beyond an instance-restricted caller.
 */
export async function updateApiKey(p: Principal, id: string, input: KeyUpdate) {
  requireScope(p, "keys:write");
  const before = await findManagedKey(p, id);
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
  const row = await auditedTransaction(async (tx) => {
    const after = await tx.apiKey.update({ where: { id }, data });
    await writeAudit(tx, p, { action: "key.update", targetType: "apiKey", targetId: id, before: keyAuditView(before), after: keyAuditView(after) });
    return after;
  });
  emitChange({ kind: "apiKey", id });
  return keyView(row);
}
