// Routes benchmark: 100,000 routes in a scratch SQLite database (bench/.data/routes.db).
// In process: resolutions per second uncached (straight from the database) and cached (LRU),
// beside one indexed Prisma lookup. Over HTTP (a `next start` this part spawns, Bearer key):
// POST /api/v1/routes/test beside trivial JSON handlers measured in the same run.
// Also the list queries behind the Routes page (first page + count, a deep page, label search).
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { fmt, latencies, opsPerSecond, ratio, type BenchRow } from "./lib";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = path.join(ROOT, "bench", ".data");
const DB_FILE = path.join(DATA, "routes.db");

const N_ROUTES = Number(process.env.BENCH_ROUTES) || 100_000;
const N_INSTANCES = 10;
const N_AGENTS = 20;
const N_CHATS = 60_000;
const N_PERSONS = 40_000;
const HTTP_MS = Number(process.env.BENCH_HTTP_MS) || 3000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 8;

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(port)));
    });
  for (let p = preferred; p < preferred + 50; p++) if ((await tryPort(p)) !== null) return p;
  throw new Error("No free port for the bench server.");
}

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The bench server did not answer ${url} within ${ms} ms.`);
}

/** Requests per second with `CONCURRENCY` clients in a loop for `HTTP_MS`. Every answer must be 200. */
async function httpRps(make: () => Promise<Response>): Promise<number> {
  for (let i = 0; i < 50; i++) await (await make()).arrayBuffer(); // warm-up
  let n = 0;
  let bad = 0;
  const start = performance.now();
  const end = start + HTTP_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await make();
        await res.arrayBuffer();
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

async function seedDatabase() {
  fs.mkdirSync(DATA, { recursive: true });
  if (process.env.BENCH_REUSE === "1" && fs.existsSync(DB_FILE)) {
    const { prisma } = await import("../lib/db");
    if ((await prisma.agentRoute.count()) >= N_ROUTES) {
      const instances = await prisma.instance.findMany({ select: { id: true }, orderBy: { name: "asc" } });
      await prisma.apiKey.deleteMany({ where: { name: "bench" } });
      return { prisma, lookups: await lookupsFrom(prisma), instances, seedMs: 0 };
    }
  }
  for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(f, { force: true });
  const { migrate } = await import("../scripts/db-migrate");
  await migrate(process.env.DATABASE_URL, true);
  const { prisma } = await import("../lib/db");

  const t0 = performance.now();
  const agents = Array.from({ length: N_AGENTS }, (_, i) => ({ id: randomUUID(), name: `Agent ${i}`, provider: "anthropic" }));
  await prisma.agent.createMany({ data: agents });
  const instances = Array.from({ length: N_INSTANCES }, (_, i) => ({
    id: randomUUID(), name: `bench-${i}`, channel: "whatsapp", defaultAgentId: i % 2 ? agents[i].id : null,
  }));
  await prisma.instance.createMany({ data: instances });
  const chats = Array.from({ length: N_CHATS }, (_, i) => ({
    id: randomUUID(), instanceId: instances[i % N_INSTANCES].id, externalId: `chat-${i}`, title: `Chat ${i}`, type: "group",
  }));
  const persons = Array.from({ length: N_PERSONS }, (_, i) => ({ id: randomUUID(), displayName: `Person ${i}` }));
  const batch = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 2000) await write(rows.slice(i, i + 2000));
  };
  await batch(chats, (c) => prisma.chat.createMany({ data: c }));
  await batch(persons, (c) => prisma.person.createMany({ data: c }));

  // 60 % chat routes, 40 % user routes; a few per chat / person so resolutions have candidates.
  const now = Date.now();
  const routes = Array.from({ length: N_ROUTES }, (_, i) => {
    const chatScope = rand() < 0.6;
    const chat = chatScope ? chats[i % N_CHATS] : null;
    const inst = chat ? chat.instanceId : pick(instances).id;
    return {
      id: randomUUID(), instanceId: inst, scope: chatScope ? "chat" : "user", chatId: chat?.id ?? null,
      personId: chatScope ? null : persons[i % N_PERSONS].id, agentId: pick(agents).id,
      priority: Math.floor(rand() * 5), active: rand() < 0.9, label: `route ${i} ${pick(["vip", "sales", "support", "billing"])}`,
      updatedAt: new Date(now - Math.floor(rand() * 86_400_000 * 30)),
    };
  });
  await batch(routes, (c) => prisma.agentRoute.createMany({ data: c }));
  const seedMs = performance.now() - t0;

  // Lookups that hit real candidates: a chat with a route, plus a person with routes on that instance.
  const lookups = await lookupsFrom(prisma);
  return { prisma, lookups, instances, seedMs };
}

export async function bench(): Promise<BenchRow[]> {
  process.env.DATABASE_URL = `file:${DB_FILE}`;
  process.env.OMNI_LOG = "silent";
  process.env.OMNI_DATA_DIR = DATA;
  const rows: BenchRow[] = [];
  const { prisma, lookups, instances, seedMs } = await seedDatabase();
  const total = await prisma.agentRoute.count();
  rows.push({ name: "routes in the scratch database", value: seedMs ? `${fmt(total)}, seeded in ${fmt(seedMs / 1000, 1)} s` : `${fmt(total)} (reused)` });

  // ---- in process
  const { computeResolution, RouteResolver } = await import("../lib/services/route-resolver");
  const { listRoutes } = await import("../lib/services/routes");
  const { routeListQuerySchema } = await import("../lib/schemas/routes");
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
  const first = await latencies(() => listRoutes(admin, q({})), 20);
  const deep = await latencies(() => listRoutes(admin, q({ offset: "50000" })), 10);
  const filtered = await latencies(() => listRoutes(admin, q({ instance: instances[3].id, active: "true", scope: "chat", sort: "priority" })), 20);
  const search = await latencies(() => listRoutes(admin, q({ q: "vip" })), 10);
  const cursor = await listRoutes(admin, q({ limit: "25" }));
  const keyset = await latencies(() => listRoutes(admin, routeListQuerySchema.parse({ limit: "25", cursor: cursor.nextCursor! })), 20);
  rows.push({ name: "list page 1 + count (25 rows)", value: `p50 ${fmt(first.p50, 1)} ms`, baseline: `p95 ${fmt(first.p95, 1)} ms` });
  rows.push({ name: "list page at offset 50,000 + count", value: `p50 ${fmt(deep.p50, 1)} ms`, baseline: `p95 ${fmt(deep.p95, 1)} ms` });
  rows.push({ name: "list filtered (instance, active, chat) by priority + count", value: `p50 ${fmt(filtered.p50, 1)} ms`, baseline: `p95 ${fmt(filtered.p95, 1)} ms` });
  rows.push({ name: "list label search 'vip' + count", value: `p50 ${fmt(search.p50, 1)} ms`, baseline: `p95 ${fmt(search.p95, 1)} ms` });
  rows.push({ name: "list next page by cursor (API)", value: `p50 ${fmt(keyset.p50, 1)} ms`, baseline: `p95 ${fmt(keyset.p95, 1)} ms` });

  // ---- over HTTP
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    rows.push({ name: "HTTP", value: "skipped: run `npm run build` first" });
    await prisma.$disconnect();
    return rows;
  }
  const { createApiKey } = await import("../lib/services/api-keys");
  const key = await createApiKey(admin, { name: "bench", scopes: ["routes:read"], rateLimit: 100_000 });
  await prisma.$disconnect();

  const port = await freePort(3190);
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), NEXTAUTH_URL: base, NEXTAUTH_SECRET: "bench-secret-not-for-production", OMNI_LOG: "silent" },
  });
  try {
    await waitFor(`${base}/api/v1/health`, 60_000);
    const auth = { Authorization: `Bearer ${key.key}`, "Content-Type": "application/json" };
    const info = await httpRps(() => fetch(`${base}/api/v1/info`));
    const status = await httpRps(() => fetch(`${base}/api/v1/auth/status`, { headers: auth }));
    const hotHttp = lookups.slice(0, 500);
    for (const l of hotHttp) await (await fetch(`${base}/api/v1/routes/test`, { method: "POST", headers: auth, body: JSON.stringify(l) })).arrayBuffer();
    let j = 0;
    const cachedRps = await httpRps(() => fetch(`${base}/api/v1/routes/test`, { method: "POST", headers: auth, body: JSON.stringify(hotHttp[j++ % hotHttp.length]) }));
    // spread over every chat route (60,000 keys > the server cache's 10,000): mostly misses
    let k = 0;
    const stride = 7919; // prime, so consecutive requests hit different keys
    const coldRps = await httpRps(() => fetch(`${base}/api/v1/routes/test`, { method: "POST", headers: auth, body: JSON.stringify(lookups[(k += stride) % lookups.length]) }));
    const metrics = (await (await fetch(`${base}/api/v1/routes/metrics`, { headers: auth })).json()).data;
    rows.push({ name: `HTTP baseline: GET /api/v1/info (no auth), ${CONCURRENCY} clients`, value: `${fmt(info)} req/s` });
    rows.push({ name: "HTTP baseline: GET /api/v1/auth/status (Bearer)", value: `${fmt(status)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(status, info) });
    rows.push({ name: "HTTP POST /routes/test, cached (500 warmed keys)", value: `${fmt(cachedRps)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(cachedRps, info) });
    rows.push({ name: "HTTP POST /routes/test, mostly uncached (60,000 keys)", value: `${fmt(coldRps)} req/s`, baseline: `${fmt(info)} info/s`, ratio: ratio(coldRps, info) });
    rows.push({ name: "server cache after the HTTP runs", value: `hit rate ${metrics.hitRate}, ${fmt(metrics.size)} entries`, baseline: `p50 ${metrics.p50Ms} ms, p99 ${metrics.p99Ms} ms` });
  } finally {
    server.kill("SIGTERM");
  }
  return rows;
}
