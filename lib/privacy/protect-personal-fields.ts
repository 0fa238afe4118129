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

/**
 * `input` with `before` / `after` in their stored form: JSON (dates as ISO strings), each personal
 * value of a person or identity replaced by an AES-256-GCM token under that subject's key for today
 * (created in `tx` when missing). Values already sealed are kept. Other fields are returned as given.
 */
export async function protectPersonalFields<T extends Snapshots>(tx: Prisma.TransactionClient, input: T): Promise<T> {
  const targetPerson = input.targetType === "person" ? input.targetId : null;
  const before = plain(input.before);
  const after = plain(input.after);
  const subjects = new Set([...personalSubjects(before, targetPerson), ...personalSubjects(after, targetPerson)]);
  if (!subjects.size) return { ...input, before, after };
  const keys = await dayKeys(tx, [...subjects], utcDay());
  const seal = (subject: string, field: string, value: unknown) => {
    if (isSealedValue(value)) return value;
    const k = keys.get(subject)!;
    return sealValue(k.id, k.key, field, value);
  };
  return {
    ...input,
    before: before === undefined ? undefined : mapPersonalFields(before, seal, targetPerson),
    after: after === undefined ? undefined : mapPersonalFields(after, seal, targetPerson),
  };
}
