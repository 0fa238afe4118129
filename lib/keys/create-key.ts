// Issue a key. The raw key is returned once, never stored (only its SHA-256 and display prefix).
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyCreate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { generateApiKey, hashApiKey, keyDisplayPrefix } from "./rules/key-format";
import { keyAuditView, keyView } from "./key-records";
import { assertFuture, checkGrant, normalizeInstances } from "./grant";

/** Creates a key (`keys:write`), audited `key.create`; returns its view plus `key`, the raw key. */
export async function createApiKey(p: Principal, input: KeyCreate) {
  requireScope(p, "keys:write");
  await checkGrant(p, { ...input, instanceIds: input.instanceIds ?? null }); // omitted = every instance
  assertFuture(input.expiresAt);
  const raw = generateApiKey();
  const instanceIds = normalizeInstances(input.instanceIds);
  const row = await auditedTransaction(async (tx) => {
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
