// `npm run db:migrate`: brings DATABASE_URL (default: the SQLite file under data/) to the current
// schema by applying the provider's migrations (prisma/migrations for SQLite,
// prisma/migrations-postgresql for PostgreSQL) through Prisma's schema engine (WebAssembly build).
// Idempotent: a second run applies nothing. A PostgreSQL database that does not exist is created.
import Database from "better-sqlite3";
import { databaseProvider, databaseUrl, redactDatabaseSecrets, sqliteFilePath, type DbProvider } from "../lib/db/url";
import { loadEngine, migrationsList } from "./lib/schema-engine";
import { ensureDatabase, withPg } from "./lib/pg-admin";

/** Migration folders not yet recorded as applied (cheap check: no engine needed when none). */
function pendingMigrations(db: Database.Database): string[] {
  const all = migrationsList("sqlite").migrationDirectories.map((d) => d.path);
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!hasTable) return all;
  const done = new Set(
    (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[])
      .map((r) => r.migration_name),
  );
  return all.filter((m) => !done.has(m));
}

async function pendingPgMigrations(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const all = migrationsList("postgresql").migrationDirectories.map((d) => d.path);
  return withPg(url, async (c) => {
    const has = await c.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
    if (!has.rows[0]?.ok) return all;
    const done = await c.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const names = new Set(done.rows.map((r: { migration_name: string }) => r.migration_name));
    return all.filter((m) => !names.has(m));
  });
}

function sqlitePending(url: string): string[] {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    return pendingMigrations(db);
  } finally {
    db.close();
  }
}

/** Where the database is, for messages (never the password). */
function describe(url: string, provider: DbProvider): string {
  if (provider === "sqlite") return sqliteFilePath(url);
  const u = new URL(url);
  return `postgresql://${u.host}${u.pathname}`;
}

export async function migrate(url = databaseUrl(), quiet = false): Promise<string[]> {
  const provider = databaseProvider(url);
  const file = describe(url, provider);
  const pending = provider === "postgresql" ? await pendingPgMigrations(url) : sqlitePending(url);
  if (!pending.length) {
    if (!quiet) console.log(`Database ${file} is up to date.`);
    return [];
  }
  const engine = await loadEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationsList(provider),
      filters: { externalTables: [], externalEnums: [] },
    });
    if (!quiet) {
      console.log(
        appliedMigrationNames.length
          ? `Applied ${appliedMigrationNames.length} migration(s) to ${file}: ${appliedMigrationNames.join(", ")}`
          : `Database ${file} is up to date.`,
      );
    }
    return appliedMigrationNames;
  } finally {
    await engine.close();
  }
}

if (process.argv[1] && /db-migrate\.ts$/.test(process.argv[1])) {
  migrate().catch((e) => {
    console.error("Migration failed:", redactDatabaseSecrets(e instanceof Error ? e.message : String(e)));
    process.exit(1);
  });
}
