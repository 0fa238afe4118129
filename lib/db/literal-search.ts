// A keyset page of rows whose text fields contain a search string literally, case-insensitively,
// on both databases. Prisma's `contains` hands `%` and `_` to LIKE as wildcards (and offers no
// ESCAPE): on PostgreSQL they are escaped with LIKE's default escape character (backslash); on
// SQLite, whose LIKE has no escape character unless the SQL names one, the wildcard-bearing search
// runs as the superset it is and the rows are filtered here, page after page, until the page is full.
import "server-only";
import { dbProvider } from "./";
import { encodeCursor, keysetArgs, keysetPage, type Keyset, type Page } from "./keyset";
import { textMatch } from "./text-match";

/** Rows the SQLite superset walk reads per query. */
const BATCH = 200;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** SQLite's LIKE folds ASCII letters only: the post-filter folds the same way. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

type Args = ReturnType<typeof keysetArgs<Record<string, unknown>>>;

/**
 * One page (at most `q.limit` rows, newest-first or whatever `ks` orders by) of the rows matching
 * `where` whose `fields` (string columns, null allowed) contain `text` literally and
 * case-insensitively (PostgreSQL: ILIKE; SQLite: ASCII case), `%`, `_` and `\` included.
 * `find(args)` runs the `findMany` with the given `where`/`orderBy`/`take` and must select `fields`
 * and the keyset's columns. A blank `text` filters nothing. Bad cursor: 400 `VALIDATION_ERROR`.
 */
export async function literalSearchPage<T extends object>(
  ks: Keyset,
  q: { limit: number; cursor?: string },
  where: Record<string, unknown>,
  text: string | undefined,
  fields: readonly string[],
  find: (args: Args) => Promise<T[]>,
): Promise<Page<T>> {
  const term = text?.trim() ?? "";
  const containing = (value: string) => (term ? { AND: [where, { OR: fields.map((f) => ({ [f]: textMatch("contains", value) })) }] } : where);
  if (!term || dbProvider === "postgresql" || !/[%_]/.test(term)) {
    const value = dbProvider === "postgresql" ? escapeLike(term) : term;
    return keysetPage(ks, await find(keysetArgs(ks, q, containing(value))), q.limit);
  }
  // SQLite with a wildcard in the search: walk the superset, keep the literal matches.
  const needle = asciiLower(term);
  const holds = (row: T) => fields.some((f) => {
    const v = (row as Record<string, unknown>)[f];
    return typeof v === "string" && asciiLower(v).includes(needle);
  });
  const kept: T[] = [];
  let cursor = q.cursor;
  for (;;) {
    const rows = await find(keysetArgs(ks, { limit: BATCH - 1, cursor }, containing(term)));
    for (const r of rows) if (holds(r)) kept.push(r);
    if (kept.length > q.limit || rows.length < BATCH) break;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    cursor = encodeCursor(ks, ks.columns.map((c) => last[c.field] ?? null));
  }
  return keysetPage(ks, kept.slice(0, q.limit + 1), q.limit);
}
