// Delete a key for good (its audit events stay).
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { forgetKeyUsage } from "./usage-buffer";
import { findManagedKey, keyAuditView, keyView } from "./key-records";
import { assertIfMatch, type IfMatch } from "../api/etag";

/**
 * Deletes a key (`keys:write`), audited `key.delete`; 404 when unknown or beyond a restricted
 * caller; 412 when `ifMatch` (a parsed If-Match) does not match the key as locked and read in the transaction.
 */
export async function deleteApiKey(p: Principal, id: string, ifMatch?: IfMatch) {
  requireScope(p, "keys:write");
  await auditedTransaction(async (tx) => {
    await lockRows(tx, { apiKey: [id] });
    const before = await findManagedKey(p, id, tx);
    assertIfMatch(ifMatch, keyView(before));
    await tx.apiKey.delete({ where: { id } });
    await writeAudit(tx, p, { action: "key.delete", targetType: "apiKey", targetId: id, before: keyAuditView(before) });
  });
  forgetKeyUsage(id);
  emitChange({ kind: "apiKey", id });
  return { id, deleted: true as const };
}
