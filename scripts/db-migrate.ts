// `npm run db:migrate`: brings DATABASE_URL (default: the SQLite file under data/) to the current
// schema by applying prisma/migrations/* through Prisma's schema engine (WebAssembly build).
// Idempotent: a second run applies nothing.
import Database from "better-sqlite3";
import { databaseProvider, databaseUrl, sqliteFilePath } from "../lib/db-url";
import { loadEngine, migrationsList } from "./lib/schema-engine";

/** Migration folders not yet recorded as applied (cheap check: no engine needed when none). */
function pendingMigrations(db: Database.Database): string[] {
  const all = migrationsList().migrationDirectories.map((d) => d.path);
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!hasTable) return all;
  const done = new Set(
    (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[])
      .map((r) => r.migration_name),
  );
  return all.filter((m) => !done.has(m));
}

export async function migrate(url = databaseUrl(), quiet = false): Promise<string[]> {
  if (databaseProvider(url) !== "sqlite") throw new Error("Only SQLite is supported by this build.");
  const file = sqliteFilePath(url);
  const db = new Database(file, { timeout: 10_000 });
  let pending: string[];
  try {
    db.pragma("journal_mode = WAL");
    pending = pendingMigrations(db);
  } finally {
    db.close();
  }
  if (!pending.length) {
    if (!quiet) console.log(`Database ${file} is up to date.`);
    return [];
  }
  const engine = await loadEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationsList(),
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
    console.error("Migration failed:", e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
