// Change a key's name, description, scopes, instances, rate limit or expiry.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyUpdate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { Prisma } from "../generated/prisma/client";
import { findManagedKey, keyAuditView, keyView, type KeyView } from "./key-records";
import { assertFuture, checkGrant, normalizeInstances, requireCovers } from "./grant";
import { changedFields } from "../audit/rules/changed-fields";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Updates a key (`keys:write`, the caller must cover the key's rights), audited `key.update`; 404
 * when unknown or beyond an instance-restricted caller. The key is locked and read inside the
 * transaction, where `ifMatch` (a parsed If-Match) is checked (412 when stale). Only the fields
 * that change are written; a patch that changes nothing writes nothing (no audit event,
 * `updatedAt` kept). Returns the key's view.
 */
export async function updateApiKey(p: Principal, id: string, input: KeyUpdate, ifMatch?: IfMatch): Promise<KeyView> {
  requireScope(p, "keys:write");
  await checkGrant(p, input);
  assertFuture(input.expiresAt);
  // The patch in the shape the row stores (what "changed" is decided on).
  const wanted: Record<string, unknown> = {};
  if (input.name !== undefined) wanted.name = input.name;
  if (input.description !== undefined) wanted.description = input.description || null;
  if (input.scopes !== undefined) wanted.scopes = [...new Set(input.scopes)];
  if (input.instanceIds !== undefined) wanted.instanceIds = normalizeInstances(input.instanceIds);
  if (input.rateLimit !== undefined) wanted.rateLimit = input.rateLimit;
  if (input.expiresAt !== undefined) wanted.expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const { row, wrote } = await auditedTransaction(async (tx) => {
    await lockRows(tx, { apiKey: [id] });
    const before = await findManagedKey(p, id, tx);
    assertIfMatch(ifMatch, keyView(before));
    requireCovers(p, before);
    const changed = changedFields(before as unknown as Record<string, unknown>, wanted);
    if (!changed.length) return { row: before, wrote: false }; // a PATCH that changes nothing writes nothing (contract)
    // [] and null both unrestrict; Prisma wants its DbNull sentinel for a SQL NULL in a Json column.
    const data = Object.fromEntries(changed.map((k) => [k, k === "instanceIds" && wanted[k] === null ? Prisma.DbNull : wanted[k]]));
    const after = await tx.apiKey.update({ where: { id }, data });
    await writeAudit(tx, p, { action: "key.update", targetType: "apiKey", targetId: id, before: keyAuditView(before), after: keyAuditView(after) });
    return { row: after, wrote: true };
  });
  if (wrote) emitChange({ kind: "apiKey", id });
  return keyView(row);
}
