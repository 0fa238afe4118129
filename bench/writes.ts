// Bench part "writes": audited write throughput (person update, merge, route update) ÷
// GET /persons/:id at 8 and 50 clients on two app processes (tests/load/write-ratios.ts: warm-up,
// then alternating rounds, median of the per-round ratios), plus the
// audit sealer's lag. PostgreSQL only (the embedded SQLite database serves one process): on SQLite
// the part reports nothing. Needs `npm run build`.
import pg from "pg";
import { benchDb, freePort, type BenchRow } from "./lib";
import { startCluster } from "../tests/load/cluster";
import { createKey, seedWorld } from "../tests/load/seed";
import { backgroundSettled, measureWriteRatios } from "../tests/load/write-ratios";

export async function bench(): Promise<BenchRow[]> {
  if (benchDb() !== "postgresql") return [];
  const cluster = await startCluster({ name: `omni_bench_writes_${process.pid}`, port: await freePort(3290), workers: 2 });
  try {
    const base = `${cluster.url}/api/v1`;
    const H = { Authorization: `Bearer ${await createKey(cluster.databaseUrl)}`, "Content-Type": "application/json" };
    const world = await seedWorld(base, H);
    const rows = await measureWriteRatios({ base, headers: H, instanceId: world.instances[0], persons: world.persons, routes: world.routes, settle: backgroundSettled(cluster.databaseUrl) });
    const out: BenchRow[] = [];
    for (const r of rows) {
      if (r.op === "GET /persons/:id") continue;
      const read = rows.find((x) => x.clients === r.clients && x.op === "GET /persons/:id")!;
      out.push({
        key: `writes-${r.op}-${r.clients}`,
        name: `${r.op}, ${r.clients} clients, 2 processes (req/s, p50)${r.errors ? ` — ${r.errors} 5xx!` : ""}`,
        value: `${r.rps.toFixed(0)}/s, p50 ${r.p50.toFixed(0)} ms`,
        baseline: `GET /persons/:id ${read.rps.toFixed(0)}/s, p50 ${read.p50.toFixed(0)} ms`,
        ratio: `${r.ratio.toFixed(2)}× (rounds ${r.ratios.map((x) => x.toFixed(2)).join(", ")})`,
      });
    }
    // Sealer lag: every event written above is sealed within about a second of the last write.
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const t = Date.now();
    while ((await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "hash" IS NULL`)).rows[0].n > 0 && Date.now() - t < 30_000) await new Promise((r) => setTimeout(r, 50));
    const total = (await db.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows[0].n;
    await db.end();
    out.push({ key: "writes-seal-lag", name: `audit sealer: all ${total} events sealed after the last write`, value: `${Date.now() - t} ms` });
    return out;
  } finally {
    await cluster.stop();
  }
}
