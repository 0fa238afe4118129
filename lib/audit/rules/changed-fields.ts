// Which fields a PATCH really changes: the basis of "a PATCH that changes nothing writes nothing".
import { canonicalJson } from "./canonical-json";

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The keys of `patch` whose value differs from `before`'s (deep, key order ignored; `undefined`
 * in the patch means "not given" and never counts; null and a missing value are the same).
 * Dates compare by instant.
 */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<Record<keyof T, unknown>>): (keyof T)[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return (Object.keys(patch) as (keyof T)[]).filter((k) => patch[k] !== undefined && !same(norm(before[k]), norm(patch[k])));
}
