// Crypto-shredding, write side: before an audit event is hashed and stored, every personal value in
// its before/after snapshots is sealed with its subject's data key of the day (lib/privacy/rules).
// The chain then hashes the ciphertext; destroying the key later erases the value without
// touching the hashed bytes.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { mapPersonalFields, personalSubjects } from "./rules/personal-fields";
import { isSealedValue, sealValue } from "./rules/field-cipher";
import { dayKeys, utcDay } from "./data-keys";

type Snapshots = { targetType: string; targetId: string | null; before?: unknown; after?: unknown };

const plain = (v: unknown) => (v === undefined || v === null ? v : JSON.parse(JSON.stringify(v)));

/** Snapshots in their JSON form, and the subjects with a personal value in them. */
function prepare<T extends Snapshots>(input: T) {
  const targetPerson = input.targetType === "person" ? input.targetId : null;
  const before = plain(input.before);
  const after = plain(input.after);
  return { targetPerson, before, after, subjects: new Set([...personalSubjects(before, targetPerson), ...personalSubjects(after, targetPerson)]) };
}

function seal<T extends Snapshots>(input: T, s: ReturnType<typeof prepare>, keys: Map<string, { id: string; key: Buffer }>): T {
  const sealOne = (subject: string, field: string, value: unknown) => {
    if (isSealedValue(value)) return value;
    const k = keys.get(subject)!;
    return sealValue(k.id, k.key, field, value);
  };
  if (!s.subjects.size) return { ...input, before: s.before, after: s.after };
  return {
    ...input,
    before: s.before === undefined ? undefined : mapPersonalFields(s.before, sealOne, s.targetPerson),
    after: s.after === undefined ? undefined : mapPersonalFields(s.after, sealOne, s.targetPerson),
  };
}

/**
 * `input` with `before` / `after` in their stored form: JSON (dates as ISO strings), each personal
 * value of a person or identity replaced by an AES-256-GCM token under that subject's key for today
 * (created in `tx` when missing). Values already sealed are kept. Other fields are returned as given.
 */
export async function protectPersonalFields<T extends Snapshots>(tx: Prisma.TransactionClient, input: T): Promise<T> {
  const s = prepare(input);
  return seal(input, s, s.subjects.size ? await dayKeys(tx, [...s.subjects], utcDay()) : new Map());
}

/**
 * As protectPersonalFields, with today's keys already in hand (Map subjectId → { id, key }, e.g.
 * from data-keys.ts knownDayKeys): no I/O. Returns null when a subject with a personal value has
 * no key in `keys` (the caller then goes the way that creates it).
 */
export function sealPersonalFields<T extends Snapshots>(input: T, keys: Map<string, { id: string; key: Buffer }>): T | null {
  const s = prepare(input);
  return [...s.subjects].every((x) => keys.has(x)) ? seal(input, s, keys) : null;
}
