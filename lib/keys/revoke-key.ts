// Revoke a key: it stops working at once (in every process) and stays listed.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { conflict } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyRevoke } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { findManagedKey, keyAuditView, keyView } from "./key-records";
import { keyStatus } from "./rules/key-status";

/**
 * Revokes a key (`keys:write`), audited `key.revoke`; 404 when unknown or beyond an
 * instance-restricted caller; 409 when it is already revoked.
 */
export async function revokeApiKey(p: Principal, id: string, input: KeyRevoke = {}) {
  requireScope(p, "keys:write");
  const before = await findManagedKey(p, id);
  if (keyStatus(before) === "revoked") throw conflict("This API key is already revoked.", { revokedAt: before.revokedAt });
  const now = new Date();
  const row = await auditedTransaction(async (tx) => {
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
  emitChange({ kind: "apiKey", id });
  return keyView(row);
}
