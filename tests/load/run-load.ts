// `npm run test:load`: 50 concurrent clients for 60 s (OMNI_LOAD_CLIENTS, OMNI_LOAD_SECONDS) mixing
// route resolutions, person searches and writes against two app processes on PostgreSQL
// (loopback only; requests through http-client.ts, lean on the shared CPU). Prints throughput and p50/p99 per operation; fails on any 5xx, any transport
// error, or any acknowledged write missing from the database afterwards. Then, in the same run,
// audited write throughput ÷ GET /persons/:id at 8 and 50 clients (tests/load/write-ratios.ts;
// OMNI_LOAD_RATIOS=off skips it). OMNI_LOAD_PORT (default 3195; the workers share it) and
// OMNI_LOAD_DB_PREFIX (scratch database, default omni_load_) keep runs apart. Needs `npm run build`.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startCluster } from "./cluster";
import { backgroundSettled, measureWriteRatios, ratioTable } from "./write-ratios";
import { closeConnections, httpRequest } from "./http-client";

const CLIENTS = Number(process.env.OMNI_LOAD_CLIENTS) || 50;
const SECONDS = Number(process.env.OMNI_LOAD_SECONDS) || 60;
const PORT = Number(process.env.OMNI_LOAD_PORT) || 3195;
/** Scratch database name prefix (the run's pid is appended): OMNI_LOAD_DB_PREFIX, default omni_load_. */
const DB_PREFIX = process.env.OMNI_LOAD_DB_PREFIX || "omni_load_";

type Op = "resolve" | "search" | "createPerson" | "updateRoute";
const stats: Record<Op, { lat: number[]; status: Record<number, number> }> = {
  resolve: { lat: [], status: {} },
  search: { lat: [], status: {} },
  createPerson: { lat: [], status: {} },
  updateRoute: { lat: [], status: {} },
};
let transportErrors = 0;

async function main() {
  const cluster = await startCluster({ name: `${DB_PREFIX}${process.pid}`, port: PORT, workers: 2 });
  const base = `${cluster.url}/api/v1`;
  try {
    const { createKey } = await import("./seed");
    const key = await createKey(cluster.databaseUrl);
    const H = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
    const call = async (op: Op, method: string, path: string, body?: unknown) => {
      const t = performance.now();
      try {
        const r = await httpRequest(method, `${base}${path}`, H, body === undefined ? undefined : JSON.stringify(body));
        stats[op].lat.push(performance.now() - t);
        stats[op].status[r.status] = (stats[op].status[r.status] ?? 0) + 1;
        let json: { data?: { id?: string } } | null = null;
        try {
          json = r.status < 500 ? JSON.parse(r.text) : null;
        } catch {
          /* not JSON: counted by its status */
        }
        return { status: r.status, json };
      } catch {
        transportErrors++;
        return { status: 0, json: null };
      }
    };
    // A small world: 2 instances, 3 agents, 50 chats, 200 persons, 100 routes.
    const world = await (await import("./seed")).seedWorld(base, H);
    const acknowledged: string[] = [];
    const routeAgent = new Map<string, string>();
    const deadline = Date.now() + SECONDS * 1000;
    let n = 0;
    const client = async (c: number) => {
      while (Date.now() < deadline) {
        const r = (n++ * 7919 + c) % 100;
        const pick = <T,>(xs: T[]) => xs[(n * 31 + c) % xs.length];
        if (r < 65) {
          const chat = pick(world.chats);
          await call("resolve", "POST", "/routes/test", { instanceId: chat.instanceId, chatId: chat.id, personId: pick(world.persons) });
        } else if (r < 85) {
          await call("search", "GET", `/persons?q=${encodeURIComponent(pick(["ad", "bo", "ca", "+4930", "user", "da"]))}&limit=20`);
        } else if (r < 95) {
          const uid = `load-${process.pid}-${c}-${n}`;
          const res = await call("createPerson", "POST", "/persons", {
            displayName: `Load ${c}-${n}`,
            identities: [{ instanceId: world.instances[0], platformUserId: uid }],
          });
          if (res.status === 201 && res.json?.data?.id) acknowledged.push(res.json.data.id);
        } else {
          // each client owns its own routes, so "the last acknowledged update" is well defined
          const mine = world.routes.filter((_, i) => i % CLIENTS === c);
          if (!mine.length) continue;
          const route = pick(mine);
          const agentId = pick(world.agents);
          const res = await call("updateRoute", "PATCH", `/routes/${route}`, { agentId });
          if (res.status === 200) routeAgent.set(route, agentId);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const secs = (performance.now() - started) / 1000;

    // Every acknowledged write is in the database.
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const found = await db.query(`SELECT count(*)::int AS n FROM "Person" WHERE id = ANY($1)`, [acknowledged]);
    const lostPersons = acknowledged.length - found.rows[0].n;
    let lostRouteUpdates = 0;
    for (const [id, agentId] of routeAgent) {
      // the last acknowledged agent of each route is what the database holds
      const r = await db.query(`SELECT "agentId" FROM "AgentRoute" WHERE id = $1`, [id]);
      if (r.rows[0]?.agentId !== agentId) lostRouteUpdates++;
    }
    await db.end();

    const q = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
    };
    const total = Object.values(stats).reduce((a, s) => a + s.lat.length, 0);
    const fiveXX = Object.values(stats).reduce((a, s) => a + Object.entries(s.status).filter(([k]) => Number(k) >= 500).reduce((x, [, v]) => x + v, 0), 0);
    console.log(`\n## Load: ${CLIENTS} clients × ${SECONDS} s, 2 app processes, PostgreSQL\n`);
    console.log("| operation | requests | req/s | p50 ms | p99 ms | statuses |");
    console.log("|---|---|---|---|---|---|");
    for (const [op, s] of Object.entries(stats)) {
      console.log(`| ${op} | ${s.lat.length} | ${(s.lat.length / secs).toFixed(0)} | ${q(s.lat, 0.5).toFixed(1)} | ${q(s.lat, 0.99).toFixed(1)} | ${JSON.stringify(s.status)} |`);
    }
    console.log(`| all | ${total} | ${(total / secs).toFixed(0)} | | | |`);
    console.log(`\n5xx: ${fiveXX} · transport errors: ${transportErrors} · acknowledged person writes: ${acknowledged.length}, missing: ${lostPersons} · routes updated: ${routeAgent.size}, missing: ${lostRouteUpdates}`);
    let ratioErrors = 0;
    if (process.env.OMNI_LOAD_RATIOS !== "off") {
      const rows = await measureWriteRatios({ base, headers: H, instanceId: world.instances[0], persons: world.persons, routes: world.routes, settle: backgroundSettled(cluster.databaseUrl) });
      console.log("\n## Audited writes ÷ a single-row read (each operation alone), 2 app processes, PostgreSQL\n");
      console.log(ratioTable(rows));
      ratioErrors = rows.reduce((a, r) => a + r.errors, 0);
      console.log(`\n5xx or transport errors while measuring ratios: ${ratioErrors}`);
    }
    const unexpected = Object.entries(stats).flatMap(([op, s]) => Object.keys(s.status).filter((k) => !["200", "201"].includes(k)).map((k) => `${op}:${k}`));
    if (fiveXX || transportErrors || lostPersons || lostRouteUpdates || unexpected.length || ratioErrors) {
      console.error(`\n✗ load test failed${unexpected.length ? ` (unexpected statuses ${unexpected.join(", ")})` : ""}`);
      process.exitCode = 1;
    } else console.log("\n✓ no 5xx, no transport errors, no lost writes");
  } finally {
    closeConnections();
    await cluster.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
