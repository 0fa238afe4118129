// Roll a key: issue a replacement with the same settings and revoke the old one, at once or after
// a grace period (the old key keeps working until then, so a deploy can pick up the new one).
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { conflict, validationError } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyRoll } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { generateApiKey, hashApiKey, keyDisplayPrefix } from "./rules/key-format";
import { findManagedKey, keyAuditView, keyView } from "./key-records";
import { keyStatus } from "./rules/key-status";
import { requireCovers } from "./grant";

/**
 * Rolls a key (`keys:write`, the caller must cover its rights), audited `key.roll`. Returns the
 * new key's view with `key` (raw, shown once) and `previous` (the old key's view). 404 when unknown
 * or beyond an instance-restricted caller; 409 for a revoked key or one already rolled (its grace
 * period running: the key is locked inside the transaction, so two concurrent rolls give one
 * live successor); 400 when the replacement would
 * be expired at once.
 */
export async function rollApiKey(p: Principal, id: string, input: KeyRoll) {
  requireScope(p, "keys:write");
  const now = new Date();
  const revokeAt = new Date(now.getTime() + (input.gracePeriodSeconds ?? 0) * 1000);
  const raw = generateApiKey();
  const { next, oldAfter } = await auditedTransaction(async (tx) => {
    // Locked, then read and decided on: of two concurrent rolls, the second sees the first's
    // revocation and gets 409, so a key has at most one live successor.
    await lockRows(tx, { apiKey: [id] });
    const old = await findManagedKey(p, id, tx);
    if (keyStatus(old) === "revoked") throw conflict("A revoked key cannot be rolled: create a new key instead.");
    if (old.status === "revoked") throw conflict("This key has already been rolled (it stops working at the end of its grace period): roll its replacement instead.", { revokedAt: old.revokedAt });
    requireCovers(p, old);
    const expiresAt = input.expiresAt !== undefined ? (input.expiresAt ? new Date(input.expiresAt) : null) : old.expiresAt;
    if (expiresAt && expiresAt <= now) {
      throw validationError("The replacement would be expired at once: give it a new expiry.", {
        expiresAt: ["Must be in the future (the old key's expiry has passed)."],
      });
    }
    const reason = input.reason || `Rolled${input.gracePeriodSeconds ? ` (grace period ${input.gracePeriodSeconds} s)` : ""}`;
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
  emitChange({ kind: "apiKey", id });
  return { ...keyView(next), key: raw, previous: keyView(oldAfter) };
}
