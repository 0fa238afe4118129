// Shared helpers for `npm run bench`: every figure is printed beside a baseline measured in the
// same run, so the ratio (not the absolute number) is what to compare across machines.
// Each part runs in its own process on one database (BENCH_DB=sqlite|postgresql): a scratch SQLite
// file under bench/.data, or a scratch PostgreSQL database omni_bench_<part> on the server of
// OMNI_TEST_PG_URL, dropped afterwards.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { registerSqliteFunctions } from "../lib/db/sqlite-functions";

/** `key` identifies a measure across databases when its name carries run-specific numbers. */
export type BenchRow = { name: string; value: string; baseline?: string; ratio?: string; key?: string };

export type BenchDb = "sqlite" | "postgresql";

export const DATA_DIR = path.resolve(import.meta.dirname, ".data");

/** The database this part process runs on (set by bench/run.ts). */
export const benchDb = (): BenchDb => (process.env.BENCH_DB === "postgresql" ? "postgresql" : "sqlite");

/** The PostgreSQL server for the scratch databases (same variable as the test suite). */
export const pgServerUrl = () => process.env.OMNI_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432";

/** Name prefix of the PostgreSQL scratch databases: BENCH_PG_DB_PREFIX, default `omni_bench_` (engineers sharing a server pick their own). */
export const pgScratchPrefix = () => process.env.BENCH_PG_DB_PREFIX || "omni_bench_";

/** URL of the scratch database of a part on the PostgreSQL server. */
export function pgScratchUrl(part: string): string {
  const u = new URL(pgServerUrl());
  u.pathname = `/${pgScratchPrefix()}${part}`;
  return u.toString();
}

/** The PostgreSQL server's version ("15.8"), or null when it does not answer within 3 s. */
export async function pgReachable(): Promise<string | null> {
  const u = new URL(pgServerUrl());
  u.pathname = "/postgres";
  const { serverVersion } = await import("../scripts/lib/pg-admin");
  return serverVersion(u.toString());
}

/**
 * A fresh, migrated scratch database for `part` on this process's database, and DATABASE_URL
 * pointing at it (set before lib/db is first imported, which picks its client from it).
 * `drop()` removes a PostgreSQL one (SQLite files stay under bench/.data for inspection).
 */
async function scratchDatabase(part: string, opts: { reuseSqlite?: boolean } = {}) {
  const db = benchDb();
  let url: string;
  if (db === "postgresql") {
    url = pgScratchUrl(part);
    const { dropDatabase, ensureDatabase } = await import("../scripts/lib/pg-admin");
    await dropDatabase(url);
    await ensureDatabase(url);
  } else {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const file = path.join(DATA_DIR, `${part}.db`);
    if (!opts.reuseSqlite) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    url = `file:${file}`;
  }
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../scripts/db-migrate");
  await migrate(url, true);
  return {
    db,
    url,
    drop: async () => {
      if (db !== "postgresql") return;
      const { dropDatabase } = await import("../scripts/lib/pg-admin");
      await dropDatabase(url);
    },
  };
}

/** Column of a bulk insert: its name and its PostgreSQL type (for the unnest array cast). */
export type Col = { name: string; pg: "text" | "integer" | "boolean" | "timestamp(3)" };
type Cell = string | number | boolean | Date | null;

/**
 * Bulk insert of `rows` (one array of cells per row, in `cols` order) in one transaction.
 * PostgreSQL: node-postgres, `INSERT … SELECT * FROM unnest($1::text[], …)` in batches of 5,000
 * rows. SQLite: better-sqlite3, one prepared INSERT (dates as ISO 8601 text, booleans as 0/1, as
 * the Prisma adapter stores them).
 */
export async function bulkInsert(url: string, table: string, cols: Col[], rows: Cell[][], batch = 5000): Promise<void> {
  const names = cols.map((c) => `"${c.name}"`).join(", ");
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${cols.map((c, i) => `$${i + 1}::${c.pg}[]`).join(", ")})`;
      for (let start = 0; start < rows.length; start += batch) {
        const chunk = rows.slice(start, start + batch);
        await client.query(sql, cols.map((_, i) => chunk.map((r) => r[i])));
      }
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      await client.end().catch(() => {});
    }
    return;
  }
  const db = new Database(url.replace(/^file:/, ""));
  try {
    registerSqliteFunctions(db); // the person search triggers call them
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    const ins = db.prepare(`INSERT INTO "${table}" (${names}) VALUES (${cols.map(() => "?").join(", ")})`);
    const cell = (v: Cell) => (v instanceof Date ? v.toISOString() : typeof v === "boolean" ? (v ? 1 : 0) : v);
    db.transaction(() => {
      for (const r of rows) ins.run(...r.map(cell));
    })();
  } finally {
    db.close();
  }
}

/** Refreshes the planner's statistics after a bulk load (PostgreSQL VACUUM ANALYZE; SQLite ANALYZE is not run by the app either). */
export async function analyze(url: string): Promise<void> {
  if (!/^postgres(ql)?:\/\//i.test(url)) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("VACUUM ANALYZE"); // also merges GIN pending lists (the trigram index), as autovacuum would
  } finally {
    await client.end().catch(() => {});
  }
}

/** Ports the bench's `next start` servers may use (others use 3100–3199 and 3300+). */
const PORTS = { from: 3201, to: 3209 };

/** The first free port in 3201–3209, starting at `preferred`. */
export async function freePort(preferred = PORTS.from): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
  const span = PORTS.to - PORTS.from + 1;
  for (let n = 0; n < span; n++) {
    const p = PORTS.from + ((preferred - PORTS.from + n) % span);
    if (await tryPort(p)) return p;
  }
  throw new Error(`No free port in ${PORTS.from}–${PORTS.to} for the bench server.`);
}

/** Waits until `url` answers 2xx. */
export async function waitFor(url: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The bench server did not answer ${url} within ${ms / 1000} s.`);
}

/** Runs fn repeatedly for ~ms milliseconds; returns operations per second. */
export async function opsPerSecond(fn: () => unknown | Promise<unknown>, ms = 2000): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    n++;
    if ((n & 15) === 0) now = performance.now();
  }
  return (n / (performance.now() - start)) * 1000;
}

/** Latencies (ms) of `count` sequential calls; returns p50/p95/p99. */
export async function latencies(fn: (i: number) => unknown | Promise<unknown>, count: number) {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export function printTable(title: string, rows: BenchRow[]) {
  console.log(`\n## ${title}\n`);
  console.log("| measure | value | in-run baseline | ratio |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.name} | ${r.value} | ${r.baseline ?? ""} | ${r.ratio ?? ""} |`);
}

/** Runs a part on its scratch database (scratchDatabase), then lets go of it: disconnects this
 *  process's Prisma client from a PostgreSQL one and drops it, also when the part fails. */
export async function withScratchDatabase<T>(
  part: string,
  fn: (scratch: { db: BenchDb; url: string }) => Promise<T>,
  opts: { reuseSqlite?: boolean } = {},
): Promise<T> {
  const scratch = await scratchDatabase(part, opts);
  try {
    return await fn(scratch);
  } finally {
    if (scratch.db === "postgresql") {
      const { prisma } = await import("../lib/db");
      await prisma.$disconnect().catch(() => {});
    }
    await scratch.drop();
  }
}
