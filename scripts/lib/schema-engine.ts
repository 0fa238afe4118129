// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm): the native engine the
// CLI would download is unreachable here (shared/TOOLCHAIN.md). Used by db-migrate and
// db-new-migration; the migrations themselves are ordinary Prisma migrations.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseProvider, sqliteFilePath, type DbProvider } from "../../lib/db/url";
import { withSqliteFunctions } from "../../lib/db/sqlite-functions";
import { MIGRATIONS_DIRS, schemaText } from "./schema-variants.mjs";

const require = createRequire(import.meta.url);

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve(MIGRATIONS_DIRS.sqlite);
export const migrationsDir = (provider: DbProvider) => path.resolve(MIGRATIONS_DIRS[provider]);

function adapterFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  return databaseProvider(url) === "postgresql"
    ? new PrismaPg({ connectionString: url })
    : withSqliteFunctions(new PrismaBetterSqlite3({ url: sqliteFilePath(url) }));
}

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  /** Frees the engine and closes every connection it opened (it leaves SQLite locked otherwise). */
  close(): Promise<void>;
};

// One wasm instance per process: the bindings module caches views of the instance's memory, so a
// second instance behind the same module reads stale memory (and the engine panics).
let wasmBindings: Promise<typeof import("@prisma/schema-engine-wasm")> | undefined;
function engineBindings() {
  return (wasmBindings ??= (async () => {
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = await import(path.join(dir, "schema_engine_bg.js"));
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })());
}

export async function loadEngine(url: string, log: (msg: string) => void = () => {}): Promise<Engine> {
  const bg = await engineBindings();
  const base = adapterFor(url);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      const a = await base.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await base.connectToShadowDb();
      opened.push(a);
      // The engine replays each migration file through executeRaw, and better-sqlite3 prepares
      // one statement at a time: run parameterless scripts with executeScript instead.
      const executeRaw = a.executeRaw.bind(a);
      a.executeRaw = async (q) => (q.args.length ? executeRaw(q) : (await a.executeScript(q.sql), 0));
      return a;
    },
  };
  const factory = bindMigrationAwareSqlAdapterFactory(tracked);
  const schema = schemaText(databaseProvider(url));
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, (m: string) => log(m), factory);
  return {
    applyMigrations: (input) => engine.applyMigrations(input),
    diff: (input) => engine.diff(input),
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}

export function migrationsList(provider: DbProvider = "sqlite") {
  const MIGRATIONS_DIR = migrationsDir(provider);
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file) ? { tag: "ok", value: fs.readFileSync(file, "utf8") } : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

/** FTS5 shadow tables SQLite creates beside each virtual table. */
const FTS5_SHADOWS = ["", "_config", "_content", "_data", "_docsize", "_idx"];

/**
 * Tables that hand-written migrations create outside Prisma's schema (FTS5 virtual tables and
 * their shadow tables): schema diffs must leave them alone instead of dropping them.
 */
export function externalTables(): string[] {
  const names = new Set<string>();
  for (const d of migrationsList().migrationDirectories) {
    const sql = d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : "";
    for (const m of sql.matchAll(/CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?\s+USING\s+fts5/gi)) {
      for (const suffix of FTS5_SHADOWS) names.add(`${m[1]}${suffix}`);
    }
  }
  return [...names].sort();
}
