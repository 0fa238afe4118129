// Crypto-shredding, read side: audit snapshots as stored hold sealed personal values; this opens
// those whose data key still exists and shows ERASED ("[erased]") for the others.
import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { mapPersonalFields } from "./rules/personal-fields";
import { ERASED, isSealedValue, openValue, sealedKeyId } from "./rules/field-cipher";
import { keysById } from "./data-keys";

type Db = Prisma.TransactionClient | PrismaClient;
type StoredEvent = { targetType: string; targetId: string | null; before: unknown; after: unknown };

function tokensIn(v: unknown, out: string[]): string[] {
  if (isSealedValue(v)) out.push(sealedKeyId(v)!);
  else if (Array.isArray(v)) for (const x of v) tokensIn(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) tokensIn(x, out);
  return out;
}

/**
 * The events with `before` / `after` readable: each sealed personal value opened with its key, or
 * "[erased]" when the key was destroyed (erasure, retention); `erased` says whether any value was.
 * Plain values (events older than crypto-shredding) are shown as stored. One key query per call.
 */
export async function revealSnapshots<E extends StoredEvent>(db: Db, events: E[]): Promise<(E & { erased: boolean })[]> {
  const ids = events.flatMap((e) => tokensIn([e.before, e.after], []));
  const keys = await keysById(db, ids);
  return events.map((e) => {
    let erased = false;
    const open = (_s: string, field: string, v: unknown) => {
      if (!isSealedValue(v)) return v;
      const key = keys.get(sealedKeyId(v)!);
      if (!key) {
        erased = true;
        return ERASED;
      }
      return openValue(v, key, field);
    };
    const targetPerson = e.targetType === "person" ? e.targetId : null;
    const before = e.before === null || e.before === undefined ? e.before : mapPersonalFields(e.before, open, targetPerson);
    const after = e.after === null || e.after === undefined ? e.after : mapPersonalFields(e.after, open, targetPerson);
    return { ...e, before, after, erased };
  });
}
