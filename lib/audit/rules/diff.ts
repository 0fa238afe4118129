// Before/after comparison of audit snapshots (pure), for the audit event page.
export type DiffRow = { path: string; before: unknown; after: unknown; change: "added" | "removed" | "changed" | "same" };
export type Comparison = { title: string; before: unknown; after: unknown; rows: DiffRow[] };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isIdList = (v: unknown): v is { id: string }[] => Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.id === "string");

/** One line for a record in a list: identities and routes by what a reader recognizes. */
export function summarizeItem(item: Record<string, unknown>): string {
  if (typeof item.channel === "string" && typeof item.platformUserId === "string") {
    return `${item.channel} · ${(item.platformUsername as string | null) ?? item.platformUserId}`;
  }
  if (typeof item.scope === "string" && "agentId" in item) {
    return `${item.scope} route, priority ${String(item.priority ?? 0)}${item.active === false ? ", inactive" : ""}`;
  }
  return Object.entries(item)
    .filter(([k, v]) => !["id", "createdAt", "updatedAt"].includes(k) && v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ");
}

/**
 * Flattens to leaf paths. A list of records with an id becomes one leaf per record
 * ("identities[29a2d54b]" → "telegram · maria_s"), so whole records read as added or removed.
 */
export function flatten(v: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (!keys.length && prefix) out.set(prefix, {});
    for (const k of keys) flatten(v[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(v) && v.length === 0 && prefix) {
    // An empty list has no leaves: its items show up as added/removed against a non-empty one.
  } else if (isIdList(v)) {
    for (const item of v) out.set(`${prefix}[${item.id.slice(0, 8)}]`, summarizeItem(item));
  } else if (prefix) {
    out.set(prefix, v === undefined ? null : v);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every leaf that differs (or, with `all`, every leaf), in path order. */
export function jsonDiff(before: unknown, after: unknown, all = false): DiffRow[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const inA = a.has(path);
    const inB = b.has(path);
    const change = !inA ? "added" : !inB ? "removed" : same(a.get(path), b.get(path)) ? "same" : "changed";
    if (change !== "same" || all) rows.push({ path, before: inA ? a.get(path) : undefined, after: inB ? b.get(path) : undefined, change });
  }
  return rows;
}

const get = (v: unknown, k: string) => (isObject(v) ? v[k] : undefined);

/** The comparisons worth showing for an event, by action. */
export function auditComparisons(action: string, before: unknown, after: unknown): Comparison[] {
  const cmp = (title: string, b: unknown, a: unknown, all = false): Comparison => ({ title, before: b ?? null, after: a ?? null, rows: jsonDiff(b, a, all) });
  switch (action) {
    case "person.merge":
    case "identity.link":
      return [
        cmp("Kept person (target)", get(before, "target"), get(after, "person")),
        cmp("Merged person (source) — deleted by the merge", get(before, "source"), null, true),
      ];
    case "identity.unlink":
      return [
        cmp("Identity", get(before, "identity"), get(after, "identity")),
        cmp("Person it was unlinked from (before)", get(before, "person"), null, true),
        cmp("New person", null, get(after, "person"), true),
      ];
    default:
      return [cmp("Change", before, after, before === null || after === null)];
  }
}
