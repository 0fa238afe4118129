// Direct access to the e2e server's database — the SQLite file or the PostgreSQL database named
// by E2E_DATABASE_URL (playwright.config.ts) — to arrange states the API cannot make and to check
// what was stored. Queries use `?` placeholders and double-quoted identifiers, which read the same
// on both databases; Date parameters are stored the way Prisma stores them on each.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { registerSqliteFunctions } from "../../lib/db/sqlite-functions";

const databaseUrl = () => process.env.E2E_DATABASE_URL!;
export const onPostgres = () => databaseUrl().startsWith("postgres");
const sqliteFile = () => databaseUrl().replace(/^file:/, "");

let pool: pg.Pool | undefined;
const numbered = (query: string) => {
  let i = 0;
  return query.replace(/\?/g, () => `$${++i}`);
};

/** Runs one statement; returns its rows (none for a write). */
export async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  if (onPostgres()) {
    pool ??= new pg.Pool({ connectionString: databaseUrl(), max: 2, allowExitOnIdle: true });
    return (await pool.query(numbered(query), params)).rows as T[];
  }
  const db = new Database(sqliteFile(), { timeout: 5000 });
  registerSqliteFunctions(db); // the person search triggers call them
  try {
    const stmt = db.prepare(query);
    const values = params.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "boolean" ? Number(v) : v));
    if (stmt.reader) return stmt.all(...values) as T[];
    stmt.run(...values);
    return [];
  } finally {
    db.close();
  }
}

/** COUNT(*) of a table, optionally with a WHERE clause. */
export async function count(table: string, where = "", params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${table}"${where ? ` WHERE ${where}` : ""}`, params);
  return Number(row.n);
}

/** Does this text appear anywhere in the stored data? (SQLite: the file's bytes after a WAL
 *  checkpoint; PostgreSQL: every row of every table as text.) */
export async function databaseContains(needle: string): Promise<boolean> {
  if (onPostgres()) {
    const tables = await sql<{ t: string }>("SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public'");
    for (const { t } of tables) {
      const [hit] = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t} x WHERE strpos(row_to_json(x)::text, ?) > 0`, [needle]);
      if (Number(hit.n) > 0) return true;
    }
    return false;
  }
  const db = new Database(sqliteFile(), { timeout: 5000 });
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  const file = sqliteFile();
  return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(needle)));
}

/** A Json column as read back: text on SQLite, already parsed on PostgreSQL. */
export const jsonColumn = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);
