// Small PostgreSQL helpers for the migration scripts and tests (node-postgres, no Prisma).
import pg from "pg";

/** Runs fn with a client on the database of `url`. */
export async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The maintenance-database URL of the same server (to create / drop databases). */
function serverUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database.");
  u.pathname = "/postgres";
  return { admin: u.toString(), name };
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Creates the database named by `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { admin, name } = serverUrl(url);
  return withPg(admin, async (c) => {
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return false;
    await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  });
}

/** Drops the database named by `url` (tests' scratch databases). */
export async function dropDatabase(url: string): Promise<void> {
  const { admin, name } = serverUrl(url);
  await withPg(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** The version ("15.8") of the server at `url`, or null when it does not answer within `timeoutMs`. */
export async function serverVersion(url: string, timeoutMs = 3000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0].server_version.split(" ")[0];
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
