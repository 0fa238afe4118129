// `npm run bench [-- part…]`: runs the benchmark parts (each in bench/<part>.ts exporting
// `bench(): Promise<BenchRow[]>`) against a scratch SQLite database under bench/.data.
import { spawnSync } from "node:child_process";
import { printTable, type BenchRow } from "./lib";

const PARTS: Record<string, () => Promise<{ bench: () => Promise<BenchRow[]> }>> = {
  routes: () => import("./routes"),
  persons: () => import("./persons"),
  keys: () => import("./keys"),
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const names = wanted.length ? wanted : Object.keys(PARTS);
  if (!names.length) {
    console.log("No benchmark parts yet.");
    return;
  }
  for (const name of names) if (!PARTS[name]) throw new Error(`Unknown bench part "${name}". Known: ${Object.keys(PARTS).join(", ")}`);
  if (names.length > 1) {
    // One process per part: each opens its own scratch database, and lib/db's Prisma client is
    // created once per process.
    for (const name of names) {
      const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], name], { stdio: "inherit" });
      if (r.status !== 0) throw new Error(`Bench part "${name}" failed (exit ${r.status}).`);
    }
    return;
  }
  for (const name of names) {
    const load = PARTS[name];
    if (!load) throw new Error(`Unknown bench part "${name}". Known: ${Object.keys(PARTS).join(", ")}`);
    const mod = await load();
    printTable(name, await mod.bench());
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
