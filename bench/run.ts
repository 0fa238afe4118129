// `npm run bench [-- part…] [-- --db=sqlite|postgresql]`: runs the benchmark parts (each in
// bench/<part>.ts exporting `bench(): Promise<BenchRow[]>`), each in its own process on each
// database: a scratch SQLite file under bench/.data, and — when the server of OMNI_TEST_PG_URL
// answers — a scratch PostgreSQL database omni_bench_<part> (dropped afterwards). Every part prints
// its markdown table and hands its rows back as JSON; a full run (no part, no --db) writes the
// one-page summary bench/RESULTS.md with both databases side by side.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { benchDb, DATA_DIR, pgReachable, pgScratchUrl, pgServerUrl, printTable, type BenchDb, type BenchRow } from "./lib";

const PARTS: Record<string, { title: string; load: () => Promise<{ bench: () => Promise<BenchRow[]> }> }> = {
  routes: { title: "Route resolution and the routes list", load: () => import("./routes") },
  persons: { title: "Person search, merge and the persons list", load: () => import("./persons") },
  keys: { title: "API key verification overhead", load: () => import("./keys") },
  lists: { title: "Every list, page 1 and 5,000 rows deep", load: () => import("./lists") },
  webhooks: { title: "Webhooks: the write path with subscribed endpoints, and delivery throughput", load: () => import("./webhooks") },
  writes: { title: "Audited writes ÷ a single-row read (2 app processes)", load: () => import("./writes") },
};
const DB_LABEL: Record<BenchDb, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };
const RESULTS = path.resolve(import.meta.dirname, "RESULTS.md");

type Outcome = { part: string; db: BenchDb; rows?: BenchRow[]; error?: string; seconds: number };

/** Child mode: one part on one database (BENCH_DB), rows written as JSON to BENCH_OUT. */
async function child(name: string) {
  const part = PARTS[name];
  const rows = await (await part.load()).bench();
  printTable(`${name} (${DB_LABEL[benchDb()]})`, rows);
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(rows, null, 1));
}

function runPart(part: string, db: BenchDb): Outcome {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const out = path.join(DATA_DIR, `${part}-${db}.json`);
  fs.rmSync(out, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], part], {
    stdio: "inherit",
    env: { ...process.env, BENCH_CHILD: "1", BENCH_DB: db, BENCH_OUT: out },
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 || !fs.existsSync(out)) return { part, db, seconds, error: `exit ${r.status ?? r.signal}` };
  return { part, db, seconds, rows: JSON.parse(fs.readFileSync(out, "utf8")) as BenchRow[] };
}

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|");

function summary(outcomes: Outcome[], dbs: BenchDb[], notes: string[], seconds: number, loadAtStart: number, pgVersion: string | null): string {
  const cpus = os.cpus();
  const routes = Number(process.env.BENCH_ROUTES) || 100_000;
  const persons = Number(process.env.BENCH_PERSONS ?? 100_000);
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    "# Omni Admin benchmarks",
    "",
    `Written by a full \`npm run bench\` (partial runs — \`npm run bench -- routes\`, \`-- --db=sqlite\` — print their tables but never touch this file). Every figure stands beside a baseline measured in the same run on the same data: compare ratios across machines, not absolute numbers.`,
    "",
    `- **When**: finished ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC, ${fmtS(seconds)} in all`,
    `- **Machine**: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`,
    `- **Databases**: ${dbs.map((d) => (d === "postgresql" ? `PostgreSQL ${pgVersion ?? ""} (scratch \`omni_bench_<part>\` databases on the same machine, dropped afterwards)` : "SQLite (scratch files under bench/.data)")).join("; ")}`,
    `- **Rows**: routes ${n(routes)} (${n(Math.min(60_000, Math.ceil(routes * 0.6)))} chats, ${n(Math.min(40_000, Math.ceil(routes * 0.4)))} persons); persons ${n(persons)} with ${n(persons * 2)} identities`,
    "- **Ratio** = value ÷ baseline: above 1× is faster for a rate (/s), slower for a time (ms); search ratios are scan time ÷ search time.",
    ...notes.map((n) => `- **Note**: ${n}`),
    "",
  ];
  for (const [part, { title }] of Object.entries(PARTS)) {
    const mine = outcomes.filter((o) => o.part === part);
    if (!mine.length) continue;
    lines.push(`## ${title} (\`${part}\`)`, "");
    lines.push(`| measure | ${dbs.map((d) => `${DB_LABEL[d]} | in-run baseline | ratio`).join(" | ")} |`);
    lines.push(`|---|${dbs.map(() => "--:|---|--:").join("|")}|`);
    const keys: string[] = [];
    const names = new Map<string, string>();
    for (const o of mine) for (const r of o.rows ?? []) {
      const k = r.key ?? r.name;
      if (!names.has(k)) {
        keys.push(k);
        names.set(k, r.name);
      }
    }
    for (const k of keys) {
      const cols = dbs.map((d) => {
        const r = mine.find((o) => o.db === d)?.rows?.find((x) => (x.key ?? x.name) === k);
        return `${cell(r?.value)} | ${cell(r?.baseline)} | ${cell(r?.ratio)}`;
      });
      lines.push(`| ${cell(names.get(k))} | ${cols.join(" | ")} |`);
    }
    for (const o of mine) if (o.error) lines.push("", `**${DB_LABEL[o.db]}: failed (${o.error}).**`);
    lines.push("", `<sub>${mine.map((o) => `${DB_LABEL[o.db]} ${fmtS(o.seconds)}`).join(", ")} including seeding.</sub>`, "");
  }
  return lines.join("\n");
}

const fmtS = (s: number) => (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);

async function main() {
  const args = process.argv.slice(2);
  const wanted = args.filter((a) => !a.startsWith("-"));
  for (const name of wanted) if (!PARTS[name]) throw new Error(`Unknown bench part "${name}". Known: ${Object.keys(PARTS).join(", ")}`);
  if (process.env.BENCH_CHILD === "1") return child(wanted[0]);

  const dbArg = args.find((a) => a.startsWith("--db="))?.slice(5);
  if (dbArg && dbArg !== "sqlite" && dbArg !== "postgresql") throw new Error(`--db must be sqlite or postgresql, not "${dbArg}".`);
  const notes: string[] = [];
  if (process.env.BENCH_NOTE) notes.push(process.env.BENCH_NOTE);
  let dbs: BenchDb[] = dbArg ? [dbArg as BenchDb] : ["sqlite", "postgresql"];
  const pgVersion = dbs.includes("postgresql") ? await pgReachable() : null;
  if (dbs.includes("postgresql") && !pgVersion) {
    const where = new URL(pgServerUrl()).host;
    if (dbArg) throw new Error(`PostgreSQL at ${where} does not answer (set OMNI_TEST_PG_URL).`);
    console.log(`PostgreSQL at ${where} does not answer: SQLite only.`);
    notes.push(`PostgreSQL at ${where} did not answer: SQLite only.`);
    dbs = ["sqlite"];
  }
  const full = !wanted.length && !dbArg;
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const outcomes: Outcome[] = [];
  for (const part of wanted.length ? wanted : Object.keys(PARTS)) {
    for (const db of dbs) {
      let o: Outcome;
      try {
        o = runPart(part, db);
      } finally {
        // The part drops its own scratch database; this covers a part that crashed or was killed.
        if (db === "postgresql") {
          const { dropDatabase } = await import("../scripts/lib/pg-admin");
          await dropDatabase(pgScratchUrl(part)).catch((e) => console.error(`Could not drop ${new URL(pgScratchUrl(part)).pathname.slice(1)}:`, e));
        }
      }
      if (o.error) console.error(`Bench part "${part}" on ${DB_LABEL[db]} failed (${o.error}).`);
      outcomes.push(o);
    }
  }
  if (full) {
    fs.writeFileSync(RESULTS, summary(outcomes, dbs, notes, (performance.now() - started) / 1000, loadAtStart, pgVersion));
    console.log(`\nWrote ${path.relative(process.cwd(), RESULTS)}.`);
  }
  const failed = outcomes.filter((o) => o.error);
  if (failed.length) throw new Error(`${failed.length} bench part run(s) failed: ${failed.map((o) => `${o.part} on ${DB_LABEL[o.db]}`).join(", ")}.`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
