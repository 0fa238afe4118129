// Delete a key for good (its audit events stay).
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { forgetKeyUsage } from "./usage-buffer";
import { findManagedKey, keyAuditView } from "./key-records";

/** Deletes a key (`keys:write`), audited `key.delete`; 404 when unknown or beyond a restricted caller. */
export async function deleteApiKey(p: Principal, id: string) {
  requireScope(p, "keys:write");
  const before = await findManagedKey(p, id);
  await auditedTransaction(async (tx) => {
    await tx.apiKey.delete({ where: { id } });
    await writeAudit(tx, p, { action: "key.delete", targetType: "apiKey", targetId: id, before: keyAuditView(before) });
  });
  forgetKeyUsage(id);
  emitChange({ kind: "apiKey", id });
  return { id, deleted: true as const };
}
