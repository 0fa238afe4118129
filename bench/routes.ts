// Routes benchmark: 100,000 routes in a scratch database (SQLite bench/.data/routes.db, or the
// PostgreSQL database omni_bench_routes; see bench/lib.ts).
// In process: resolutions per second uncached (straight from the database) and cached (LRU),
// beside one indexed Prisma lookup. Over HTTP (the app's own server, as `npm start` serves it:
// scripts/serve.ts, spawned on a port in 3201–3209; Bearer key): POST /api/v1/routes/test beside
// trivial JSON handlers measured in the same run. Also the list queries behind the Routes page
// (first page + count, a deep page, label search, a page by cursor) beside one indexed lookup.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { analyze, bulkInsert, fmt, freePort, latencies, opsPerSecond, ratio, withScratchDatabase, waitFor, type BenchRow, type Col } from "./lib";
import { closeConnections, httpRequest, type HttpResult } from "../tests/load/http-client";
import { tsxArgs } from "../scripts/lib/tsx";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = path.join(ROOT, "bench", ".data");

const N_ROUTES = Number(process.env.BENCH_ROUTES) || 100_000;
const N_INSTANCES = 10;
const N_AGENTS = 20;
const N_CHATS = Math.min(60_000, Math.ceil(N_ROUTES * 0.6));
const N_PERSONS = Math.min(40_000, Math.ceil(N_ROUTES * 0.4));
const HTTP_MS = Number(process.env.BENCH_HTTP_MS) || 2000;
const HTTP_ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS) || 3;
const WARM_MS = 1500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 8;

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

/** Requests per second with `CONCURRENCY` clients in a loop for `ms` (default HTTP_MS). Every answer must be 200. */
/** Requests/s of `make` with CONCURRENCY clients for `ms` (every answer must be 200). */
async function httpRps(make: () => Promise<HttpResult>, ms = HTTP_MS): Promise<number> {
  let n = 0;
  let bad = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await make();
        if (res.status !== 200) bad++;
        n++;
      }
    }),
  );
  if (bad) throw new Error(`${bad} of ${n} requests did not answer 200.`);
  return (n / (performance.now() - start)) * 1000;
}

async function lookupsFrom(prisma: Awaited<typeof import("../lib/db")>["prisma"]) {
  const chatRoutes = await prisma.agentRoute.findMany({ where: { scope: "chat" }, select: { instanceId: true, chatId: true } });
  const userRoutes = await prisma.agentRoute.findMany({ where: { scope: "user" }, select: { instanceId: true, personId: true } });
  const byInstance = new Map<string, string[]>();
  for (const r of userRoutes) (byInstance.get(r.instanceId) ?? byInstance.set(r.instanceId, []).get(r.instanceId)!).push(r.personId!);
  seed = 7;
  return chatRoutes.map((r) => ({ instanceId: r.instanceId, chatId: r.chatId, personId: pick(byInstance.get(r.instanceId) ?? [null]) }));
}

async function seedDatabase(url: string) {
  if (process.env.BENCH_REUSE === "1" && url.startsWith("file:")) {
    const { prisma } = await import("../lib/db");
    if ((await prisma.agentRoute.count()) >= N_ROUTES) {
      const instances = await prisma.instance.findMany({ select: { id: true }, orderBy: { name: "asc" } });
      await prisma.apiKey.deleteMany({ where: { name: "bench" } });
      return { prisma, lookups: await lookupsFrom(prisma), instances, seedMs: 0 };
    }
    throw new Error("BENCH_REUSE=1: bench/.data/routes.db holds too few routes; run once without it.");
  }
  const t0 = performance.now();
  const at = new Date();
  const c = (name: string, pg: Col["pg"] = "text"): Col => ({ name, pg });
  const stamps = [c("createdAt", "timestamp(3)"), c("updatedAt", "timestamp(3)")];
  const agents = Array.from({ length: N_AGENTS }, (_, i) => ({ id: randomUUID(), name: `Agent ${i}`, provider: "anthropic" }));
  await bulkInsert(url, "Agent", [c("id"), c("name"), c("provider"), ...stamps], agents.map((a) => [a.id, a.name, a.provider, at, at]));
  const instances = Array.from({ length: N_INSTANCES }, (_, i) => ({
    id: randomUUID(), name: `bench-${i}`, channel: "whatsapp", defaultAgentId: i % 2 ? agents[i].id : null,
  }));
  await bulkInsert(url, "Instance", [c("id"), c("name"), c("channel"), c("defaultAgentId"), ...stamps], instances.map((x) => [x.id, x.name, x.channel, x.defaultAgentId, at, at]));
  const chats = Array.from({ length: N_CHATS }, (_, i) => ({ id: randomUUID(), instanceId: instances[i % N_INSTANCES].id }));
  await bulkInsert(url, "Chat", [c("id"), c("instanceId"), c("externalId"), c("title"), c("type"), ...stamps], chats.map((x, i) => [x.id, x.instanceId, `chat-${i}`, `Chat ${i}`, "group", at, at]));
  const persons = Array.from({ length: N_PERSONS }, () => ({ id: randomUUID() }));
  await bulkInsert(url, "Person", [c("id"), c("displayName"), ...stamps], persons.map((x, i) => [x.id, `Person ${i}`, at, at]));

  // 60 % chat routes, 40 % user routes; a few per chat / person so resolutions have candidates.
  const now = Date.now();
  const routes = Array.from({ length: N_ROUTES }, (_, i) => {
    const chatScope = rand() < 0.6;
    const chat = chatScope ? chats[i % N_CHATS] : null;
    const inst = chat ? chat.instanceId : pick(instances).id;
    return [
      randomUUID(), inst, chatScope ? "chat" : "user", chat?.id ?? null, chatScope ? null : persons[i % N_PERSONS].id, pick(agents).id,
      Math.floor(rand() * 5), rand() < 0.9, `route ${i} ${pick(["vip", "sales", "support", "billing"])}`,
      at, new Date(now - Math.floor(rand() * 86_400_000 * 30)),
    ];
  });
  await bulkInsert(url, "AgentRoute", [
    c("id"), c("instanceId"), c("scope"), c("chatId"), c("personId"), c("agentId"), c("priority", "integer"), c("active", "boolean"), c("label"), ...stamps,
  ], routes);
  await analyze(url);
  const seedMs = performance.now() - t0;

  // Lookups that hit real candidates: a chat with a route, plus a person with routes on that instance.
  const { prisma } = await import("../lib/db");
  const lookups = await lookupsFrom(prisma);
  return { prisma, lookups, instances, seedMs };
}

export async function bench(): Promise<BenchRow[]> {
  process.env.OMNI_LOG = "silent";
  process.env.OMNI_DATA_DIR = DATA;
  return withScratchDatabase("routes", (scratch) => run(scratch.url), { reuseSqlite: process.env.BENCH_REUSE === "1" });
}

async function run(url: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { prisma, lookups, instances, seedMs } = await seedDatabase(url);
  const total = await prisma.agentRoute.count();
  rows.push({ key: "data", name: "routes in the scratch database", value: fmt(total), baseline: seedMs ? `seeded in ${fmt(seedMs / 1000, 1)} s` : "reused" });

  // ---- in process
  const { computeResolution, RouteResolver } = await import("../lib/routes/resolver");
  const { listRoutes } = await import("../lib/routes/list-routes");
  const { routeListQuerySchema } = await import("../lib/routes/schemas");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const admin = systemPrincipal("bench");

  let i = 0;
  const baseline = await opsPerSecond(() => prisma.instance.findUnique({ where: { id: instances[i++ % N_INSTANCES].id } }));
  const uncached = await opsPerSecond(() => computeResolution(lookups[i++ % lookups.length]));
  const resolver = new RouteResolver(20_000);
  const hot = lookups.slice(0, 5_000);
  for (const l of hot) await resolver.resolve(l);
  const cached = await opsPerSecond(() => resolver.resolve(hot[i++ % hot.length]));
  const stats = resolver.stats();
  resolver.close();
  rows.push({ name: "in-process baseline: prisma.instance.findUnique", value: `${fmt(baseline)} ops/s` });
  rows.push({ name: "in-process resolution, uncached (DB)", value: `${fmt(uncached)} /s`, baseline: `${fmt(baseline)} findUnique/s`, ratio: ratio(uncached, baseline) });
  rows.push({ name: "in-process resolution, cached (LRU hit)", value: `${fmt(cached)} /s`, baseline: `${fmt(uncached)} uncached/s`, ratio: ratio(cached, uncached) });
  rows.push({ name: "cached resolver p50 / p99 (rolling window)", value: `${stats.p50Ms} ms / ${stats.p99Ms} ms`, baseline: `hit rate ${stats.hitRate}` });

  // ---- list queries behind the Routes page (offset paging + COUNT, as the page does)
  const q = (o: Record<string, string>) => routeListQuerySchema.parse({ limit: "25", count: "true", ...o });
  const someRoute = (await prisma.agentRoute.findFirst({ select: { id: true }, orderBy: { id: "asc" } }))!.id;
  const lookup = await latencies(() => prisma.agentRoute.findUnique({ where: { id: someRoute }, select: { id: true } }), 50);
  const deepOffset = Math.floor(total / 2);
  const first = await latencies(() => listRoutes(admin, q({})), 20);
  const deep = await latencies(() => listRoutes(admin, q({ offset: String(deepOffset) })), 10);
  const filtered = await latencies(() => listRoutes(admin, q({ instance: instances[3].id, active: "true", scope: "chat", sort: "priority" })), 20);
  const search = await latencies(() => listRoutes(admin, q({ q: "vip" })), 10);
  const cursor = await listRoutes(admin, q({ limit: "25" }));
  const keyset = await latencies(() => listRoutes(admin, routeListQuerySchema.parse({ limit: "25", cursor: cursor.nextCursor! })), 20);
  const ms = (l: { p50: number; p95: number }) => `${fmt(l.p50, 1)} ms (p95 ${fmt(l.p95, 1)})`;
  const page1 = `page 1 ${fmt(first.p50, 1)} ms`;
  rows.push({ key: "list-1", name: "list page 1 + count (25 rows, newest first), p50", value: ms(first), baseline: `findUnique by id ${fmt(lookup.p50, 2)} ms`, ratio: ratio(first.p50, lookup.p50) });
  rows.push({ key: "list-deep", name: `list page at offset ${fmt(deepOffset)} + count, p50`, value: ms(deep), baseline: page1, ratio: ratio(deep.p50, first.p50) });
  rows.push({ key: "list-cursor", name: "list next page by cursor (API, no count), p50", value: ms(keyset), baseline: page1, ratio: ratio(keyset.p50, first.p50) });
  rows.push({ key: "list-filtered", name: "list filtered (instance, active, chat) by priority + count, p50", value: ms(filtered), baseline: page1, ratio: ratio(filtered.p50, first.p50) });
  rows.push({ key: "list-search", name: "list label search 'vip' + count, p50", value: ms(search), baseline: page1, ratio: ratio(search.p50, first.p50) });

  // ---- over HTTP
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    rows.push({ name: "HTTP", value: "skipped: run `npm run build` first" });
    await prisma.$disconnect();
    return rows;
  }
  const { createApiKey } = await import("../lib/keys/create-key");
  const key = await createApiKey(admin, { name: "bench", scopes: ["routes:read"], rateLimit: 100_000 });
  await prisma.$disconnect();

  const port = await freePort(3201);
  const base = `http://127.0.0.1:${port}`;
  // The app's own server, as `npm start` serves it (scripts/serve.ts): Next behind it, and its hot lane (lib/api/hot-lane.ts).
  const server: ChildProcess = spawn(process.execPath, tsxArgs("scripts/serve.ts", "-p", String(port), "-H", "127.0.0.1"), {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), NEXTAUTH_URL: base, NEXTAUTH_SECRET: "bench-secret-not-for-production", OMNI_LOG: "silent" },
  });
  try {
    await waitFor(`${base}/api/v1/health`, 90_000);
    const auth = { Authorization: `Bearer ${key.key}`, "Content-Type": "application/json" };
    const hotHttp = lookups.slice(0, 500);
    for (const l of hotHttp) await httpRequest("POST", `${base}/api/v1/routes/test`, auth, JSON.stringify(l));
    let j = 0;
    // spread over every chat route (60,000 keys > the server cache's 10,000): mostly misses
    let k = 0;
    const stride = 7919; // prime, so consecutive requests hit different keys
    const runs = {
      info: () => httpRequest("GET", `${base}/api/v1/info`, {}),
      status: () => httpRequest("GET", `${base}/api/v1/auth/status`, auth),
      cached: () => httpRequest("POST", `${base}/api/v1/routes/test`, auth, JSON.stringify(hotHttp[j++ % hotHttp.length])),
      cold: () => httpRequest("POST", `${base}/api/v1/routes/test`, auth, JSON.stringify(lookups[(k += stride) % lookups.length])),
    };
    // A fresh server runs its first seconds cold (JIT, lazily loaded routes): every request kind
    // runs once unmeasured, then HTTP_ROUNDS rounds of each, in reverse order every other round;
    // each figure is the median of its rounds.
    for (const make of Object.values(runs)) await httpRps(make, WARM_MS);
    const seen: Record<keyof typeof runs, number[]> = { info: [], status: [], cached: [], cold: [] };
    for (let r = 0; r < HTTP_ROUNDS; r++) {
      const order = (Object.keys(runs) as (keyof typeof runs)[]);
      for (const name of r % 2 ? order.reverse() : order) seen[name].push(await httpRps(runs[name]));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [info, status, cachedRps, coldRps] = [median(seen.info), median(seen.status), median(seen.cached), median(seen.cold)];
    const metrics = (await (await fetch(`${base}/api/v1/routes/metrics`, { headers: auth })).json()).data;
    rows.push({ name: `HTTP baseline: GET /api/v1/info (no auth), ${CONCURRENCY} clients, median of ${HTTP_ROUNDS} alternating ${HTTP_MS / 1000} s rounds after a warm-up`, value: `${fmt(info)} req/s` });
    rows.push({ name: "HTTP baseline: GET /api/v1/auth/status (Bearer)", value: `${fmt(status)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(status, info) });
    rows.push({ name: "HTTP POST /routes/test, cached (500 warmed keys)", value: `${fmt(cachedRps)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(cachedRps, info) });
    rows.push({ key: "http-cold", name: `HTTP POST /routes/test, mostly uncached (${fmt(lookups.length)} keys)`, value: `${fmt(coldRps)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(coldRps, info) });
    rows.push({ name: "each round, req/s: info, auth/status, cached, mostly uncached", value: HTTP_ROUNDS ? Array.from({ length: HTTP_ROUNDS }, (_, r) => [seen.info[r], seen.status[r], seen.cached[r], seen.cold[r]].map((x) => fmt(x)).join(" / ")).join("; ") : "" });
    rows.push({ name: "server cache after the HTTP runs", value: `hit rate ${metrics.hitRate}, ${fmt(metrics.size)} entries`, baseline: `p50 ${metrics.p50Ms} ms, p99 ${metrics.p99Ms} ms` });
  } finally {
    closeConnections();
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  return rows;
}
