// Named prepared statements on PostgreSQL (the `statementNameGenerator` of @prisma/adapter-pg).
// Without a name, node-postgres sends every statement unnamed, and PostgreSQL parses and plans it
// again on every call. The write path's statements are single large CTE statements: measured with
// pg_stat_statements (track_planning) at 50 clients, planning took longer than executing — about
// 0.8 ms of a merge's write statement and 1–2 ms of a route or merge read, against 0.2–0.4 ms of
// execution. A named statement is parsed once per connection; after five executions PostgreSQL
// keeps a generic plan where it costs no more than the custom ones (plan_cache_mode auto) and
// plans no more. It did so for the write path's CTE statements (a merge's planning fell from
// 1.8 ms to 0.18 ms per call); Prisma's own lookups with LIMIT/OFFSET parameters stayed on custom
// plans (tests/integration/prepared-statements.test.ts saw 7 custom, 0 generic) and save the parse.
import { LRUCache } from "lru-cache";

/** The part of a query the generator looks at (the driver adapter passes the whole SqlQuery). */
export type NamedQuery = { sql: string };

/**
 * A `statementNameGenerator` for @prisma/adapter-pg: returns a process-wide name for a statement
 * text from its `after`-th sighting on (default 2: a text sent once is never prepared), for at most
 * `max` distinct texts (default 100, as the statement_cache_size of Prisma's former query engine;
 * further texts stay unnamed), and `""` for the rest, which node-postgres then sends as the unnamed
 * statement, as without a generator. One name always stands for one text, as node-postgres
 * requires ("Prepared statements must be unique"). `max` bounds what each pooled connection may
 * keep prepared in the server (`pg_prepared_statements`): measured after a merge load, the busiest
 * connection's whole memory was 4.6 MB, with 36 cached plans (its named statements' and its
 * triggers'). `max: 0` turns naming off, for a pooler in transaction mode that does not track
 * prepared statements (PgBouncer before 1.21).
 */
export function statementNames(opts: { after?: number; max?: number } = {}): (query: NamedQuery) => string {
  const after = Math.max(1, opts.after ?? 2);
  const max = Math.max(0, opts.max ?? 100);
  if (max === 0) return () => "";
  const names = new Map<string, string>();
  const sightings = new LRUCache<string, number>({ max: 4 * max });
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= max) return "";
    const seen = (sightings.get(sql) ?? 0) + 1;
    if (seen < after) {
      sightings.set(sql, seen);
      return "";
    }
    sightings.delete(sql);
    const name = `omni_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * The generator this process uses: `OMNI_PG_PREPARED_STATEMENTS` (a count, default 100) is `max`;
 * `0` turns named statements off. A value that is not a whole number ≥ 0 throws at startup.
 */
export function statementNamesFromEnv(env: Record<string, string | undefined> = process.env): (query: NamedQuery) => string {
  const raw = env.OMNI_PG_PREPARED_STATEMENTS?.trim();
  if (raw === undefined || raw === "") return statementNames();
  if (!/^\d+$/.test(raw)) throw new Error(`OMNI_PG_PREPARED_STATEMENTS must be a whole number ≥ 0 (0 turns named prepared statements off), not "${raw}"`);
  return statementNames({ max: Number(raw) });
}
