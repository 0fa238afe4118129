// One-time upgrade for audit trails written before crypto-shredding: their snapshots hold personal
// fields in plain text, which an erasure could not remove without breaking the chain. This seals
// those values exactly as writeAudit does now (the subject's key for the event's UTC day) and
// re-hashes the chain from the first event it changed, once. Run by `npm run admin -- audit-seal-legacy`.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { chainHash, contentHash, legacyAuditHash } from "../audit/rules/hash";
import { lockSealer } from "../audit/seal-chain";
import { mapPersonalFields, personalSubjects } from "./rules/personal-fields";
import { isSealedValue, sealValue } from "./rules/field-cipher";
import { dayKeys, utcDay } from "./data-keys";

const BATCH = 500;

function hasPlainValue(snapshot: unknown, targetPerson: string | null): boolean {
  let plain = false;
  mapPersonalFields(snapshot, (_s, _f, v) => ((plain ||= !isSealedValue(v)), v), targetPerson);
  return plain;
}

/**
 * Seals every plain personal value in stored audit snapshots and re-hashes each event from the
 * first changed one to the end of the chain (prevHash and hash), in one transaction holding the
 * audit lock. Returns `{ sealedEvents, rehashedEvents }`; a second run finds nothing and returns
 * zeros. Run `audit-verify` first: from the first sealed event on, the chain is rebuilt as it is
 * stored, so a break later than that would be hidden.
 */
export async function sealLegacyAuditEvents(): Promise<{ sealedEvents: number; rehashedEvents: number }> {
  return prisma.$transaction(async (tx) => {
    await lockSealer(tx); // no sealer links new events to the tail while the chain is re-hashed
    let sealedEvents = 0;
    let rehashedEvents = 0;
    let rehashing = false;
    let prev: string | null = null;
    let offset = 0;
    for (;;) {
      // Sealed events in chain order first, then the unsealed ones (which get a new content hash only).
      const rows = await tx.auditEvent.findMany({ skip: offset, orderBy: [{ chainSeq: { sort: "asc", nulls: "last" } }, { seq: "asc" }], take: BATCH });
      if (!rows.length) break;
      offset += rows.length;
      for (const e of rows) {
        const targetPerson = e.targetType === "person" ? e.targetId : null;
        let before = e.before as unknown;
        let after = e.after as unknown;
        const seal = hasPlainValue(before, targetPerson) || hasPlainValue(after, targetPerson);
        if (seal) {
          const subjects = new Set([...personalSubjects(before, targetPerson), ...personalSubjects(after, targetPerson)]);
          const keys = await dayKeys(tx, [...subjects], utcDay(e.at));
          const fn = (s: string, f: string, v: unknown) => (isSealedValue(v) ? v : sealValue(keys.get(s)!.id, keys.get(s)!.key, f, v));
          if (before !== null) before = mapPersonalFields(before, fn, targetPerson);
          if (after !== null) after = mapPersonalFields(after, fn, targetPerson);
          sealedEvents++;
          rehashing = true;
        }
        if (e.chainSeq == null) {
          // Not sealed yet: only its content hash changes; the sealer chains it later.
          if (seal) {
            await tx.auditEvent.update({ where: { id: e.id }, data: {
              contentHash: contentHash({ ...e, before, after }),
              ...(before !== null ? { before: before as Prisma.InputJsonValue } : {}),
              ...(after !== null ? { after: after as Prisma.InputJsonValue } : {}),
            } });
          }
          continue;
        }
        if (!rehashing) {
          prev = e.hash;
          continue;
        }
        const prevHash = prev; // the previous event's hash as stored from now on
        const content = e.contentHash == null ? null : contentHash({ ...e, before, after });
        const hash = content == null ? legacyAuditHash({ ...e, before, after, prevHash }) : chainHash(prevHash, e.chainSeq, content);
        await tx.auditEvent.update({
          where: { id: e.id },
          data: {
            prevHash, hash, ...(content == null ? {} : { contentHash: content }),
            ...(before !== null ? { before: before as Prisma.InputJsonValue } : {}),
            ...(after !== null ? { after: after as Prisma.InputJsonValue } : {}),
          },
        });
        rehashedEvents++;
        prev = hash;
      }
    }
    return { sealedEvents, rehashedEvents };
  }, { timeout: 30 * 60_000, maxWait: 60_000 });
}
