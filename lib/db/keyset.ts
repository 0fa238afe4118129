// Keyset pagination for every list: the cursor is the sort key of the last row returned (its
// value(s) and its id), so "the next page" is "the rows after that key in the list's order" —
// whatever was inserted, deleted or filtered out meanwhile, including the cursor's own row.
// (Not an offset, which shifts when rows come and go; not Prisma's `cursor`, which needs the row
// to still exist and still match the filter.) Pure: builds cursors and Prisma `where`/`orderBy`
// objects; works the same on SQLite and PostgreSQL (NULLs always sort last, explicitly).
import { validationError } from "../errors";

export type Page<T> = { items: T[]; nextCursor: string | null };
export type SortOrder = "asc" | "desc";
export type KeyKind = "date" | "string" | "number" | "boolean";
/** One column of the sort key; the last one must be unique (the id). */
export type KeyColumn = { field: string; kind: KeyKind; nullable?: boolean };
/**
 * A list's order. `tag` names the list and order inside the cursor, so a cursor from another
 * list or another `?sort=` is refused (400) instead of silently paging something else.
 */
export type Keyset = { tag: string; order: SortOrder; columns: readonly KeyColumn[] };

type Where = Record<string, unknown>;

export const CURSOR_HINT = "Not a cursor from this list. Start again without a cursor.";
const badCursor = () => validationError("Invalid query.", { cursor: [CURSOR_HINT] });

/** The usual list order: `createdAt desc, id desc` (newest first; both columns immutable). */
export function newestFirst(tag: string): Keyset {
  return { tag, order: "desc", columns: [{ field: "createdAt", kind: "date" }, { field: "id", kind: "string" }] };
}

/** `[sort desc|asc, id desc|asc]` on one more column (e.g. a route's `priority`). */
export function sortedBy(tag: string, column: KeyColumn, order: SortOrder): Keyset {
  return { tag: `${tag}:${column.field}:${order}`, order, columns: [column, { field: "id", kind: "string" }] };
}

/** Opaque cursor (base64url JSON `{ t: tag, k: [values] }`; dates as ISO strings). */
export function encodeCursor(ks: Keyset, values: readonly unknown[]): string {
  const k = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify({ t: ks.tag, k }), "utf8").toString("base64url");
}

function decodeValue(col: KeyColumn, v: unknown): unknown {
  if (v === null) {
    if (col.nullable) return null;
    throw badCursor();
  }
  switch (col.kind) {
    case "date": {
      const d = typeof v === "string" ? new Date(v) : null;
      if (!d || Number.isNaN(d.getTime())) throw badCursor();
      return d;
    }
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) throw badCursor();
      return v;
    case "boolean":
      if (typeof v !== "boolean") throw badCursor();
      return v;
    case "string":
      if (typeof v !== "string") throw badCursor();
      return v;
  }
}

/**
 * The key values inside a cursor from `encodeCursor` with the same keyset (dates as `Date`).
 * Throws 400 `VALIDATION_ERROR` on `cursor` for anything else (garbage, another list or sort).
 */
export function decodeCursor(ks: Keyset, cursor: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const b = body as { t?: unknown; k?: unknown } | null;
  if (!b || typeof b !== "object" || b.t !== ks.tag || !Array.isArray(b.k) || b.k.length !== ks.columns.length) throw badCursor();
  return ks.columns.map((col, i) => decodeValue(col, (b.k as unknown[])[i]));
}

/** Rows strictly after `v` on this one column, in `order`, NULLs last (none: null). */
function strictlyAfter(col: KeyColumn, v: unknown, order: SortOrder): Where[] {
  if (v === null) return []; // NULLs are last: nothing follows them on this column
  const alts: Where[] = [];
  if (col.kind === "boolean") {
    // false < true; Prisma has no lt/gt on booleans.
    if (order === "desc" ? v === true : v === false) alts.push({ [col.field]: order === "desc" ? false : true });
  } else {
    alts.push({ [col.field]: { [order === "desc" ? "lt" : "gt"]: v } });
  }
  if (col.nullable) alts.push({ [col.field]: null });
  return alts;
}

/**
 * Prisma `where` for "after the row with these key values" in the keyset's order:
 * `(a after va) OR (a = va AND (b after vb)) OR …`, the id last.
 */
export function afterKey(ks: Keyset, values: readonly unknown[], from = 0): Where {
  const col = ks.columns[from];
  const v = values[from];
  const alts = strictlyAfter(col, v, ks.order);
  if (from < ks.columns.length - 1) alts.push({ AND: [{ [col.field]: v }, afterKey(ks, values, from + 1)] });
  if (alts.length === 0) return { id: { in: [] } }; // nothing can follow
  return alts.length === 1 ? alts[0] : { OR: alts };
}

/**
 * The same condition's range on the first column alone (`a <= va`, descending), redundant but
 * what lets SQLite serve the OR above from the column's index instead of a full scan.
 */
function leadingBound(ks: Keyset, values: readonly unknown[]): Where | null {
  const [col] = ks.columns;
  if (col.kind === "boolean" || col.nullable || values[0] === null) return null;
  return { [col.field]: { [ks.order === "desc" ? "lte" : "gte"]: values[0] } };
}

/** Prisma `orderBy` for the keyset (NULLs last on nullable columns, on both databases). */
export function keysetOrderBy(ks: Keyset): Where[] {
  return ks.columns.map((c) => ({ [c.field]: c.nullable ? { sort: ks.order, nulls: "last" } : ks.order }));
}

/**
 * `findMany` arguments for one page: `where` (the list's filter AND after the cursor),
 * `orderBy` and `take` (limit + 1, to know whether more follow). Bad cursor: 400.
 */
export function keysetArgs<W extends object>(ks: Keyset, q: { limit: number; cursor?: string }, where: W = {} as W) {
  const values = q.cursor ? decodeCursor(ks, q.cursor) : null;
  const after = values ? [leadingBound(ks, values), afterKey(ks, values)].filter((w): w is Where => !!w) : [];
  return {
    where: (after.length ? { AND: [where, ...after] } : where) as W,
    orderBy: keysetOrderBy(ks) as never,
    take: q.limit + 1,
  };
}

/** The page of `rows` (fetched with `keysetArgs`): at most `limit` items and the next cursor. */
export function keysetPage<T extends object>(ks: Keyset, rows: T[], limit: number): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  return { items, nextCursor: more && last ? encodeCursor(ks, ks.columns.map((c) => last[c.field] ?? null)) : null };
}
