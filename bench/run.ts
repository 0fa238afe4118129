// `npm run bench [-- part…]`: runs the benchmark parts (each in bench/<part>.ts exporting
// `bench(): Promise<BenchRow[]>`) against a scratch SQLite database under bench/.data.
import { printTable, type BenchRow } from "./lib";

const PARTS: Record<string, () => Promise<{ bench: () => Promise<BenchRow[]> }>> = {
  // routes: () => import("./routes"),
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
