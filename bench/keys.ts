// API keys: what authentication costs. Over HTTP against a `next start` this bench spawns on a free
// port in 3201–3209, the same wrapper (lib/api/handler.ts) serves a trivial public handler (GET /api/v1/info,
// no auth: the in-run baseline) and a trivial authenticated one (GET /api/v1/auth/status with a
// Bearer key: key verification from the cache, rate limit, batched usage). In-process, key
// verification with the cache (no database) against without it (one indexed lookup by hash).
import fs from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { DATA_DIR, fmt, freePort, opsPerSecond, ratio, withScratchDatabase, waitFor, type BenchRow } from "./lib";
import { tsxArgs } from "../scripts/lib/tsx";

const SECONDS = Number(process.env.BENCH_KEYS_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_KEYS_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_KEYS_CONCURRENCY ?? 8);
const require = createRequire(import.meta.url);

/** Requests per second with CONCURRENCY requests in flight for SECONDS; every answer must be 200. */
async function throughput(url: string, headers: Record<string, string>): Promise<number> {
  let done = 0;
  let bad = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status === 200) done++;
        else bad++;
      }
    }),
  );
  if (bad) throw new Error(`${bad} answers were not 200 from ${url}`);
  return (done / (performance.now() - start)) * 1000;
}

export async function bench(): Promise<BenchRow[]> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("The keys bench serves the production build: run `npm run build` first.");
  process.env.OMNI_LOG ??= "silent";
  return withScratchDatabase("keys", (scratch) => run(scratch.url));
}

async function run(url: string): Promise<BenchRow[]> {
  // The key lives in the server's database: created there by a short child process (this process's
  // Prisma client may already be bound to another part's database).
  const created = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, tsxArgs("scripts/admin.ts", "create-key", "--name", "bench", "--scopes", "*", "--rate-limit", "100000", "--json"), {
      env: { ...process.env, DATABASE_URL: url, OMNI_LOG: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`create-key exited ${code}`))));
  });
  const key = (JSON.parse(created.trim().split("\n").pop()!) as { key: string }).key;

  const port = await freePort(Number(process.env.BENCH_KEYS_PORT ?? 3202));
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), OMNI_LOG: "silent", OMNI_DATA_DIR: DATA_DIR, NEXTAUTH_SECRET: "bench-secret-not-for-production", NEXTAUTH_URL: base },
      stdio: "ignore",
    });
    await waitFor(`${base}/api/v1/health`);
    const pub = `${base}/api/v1/info`;
    const authed = `${base}/api/v1/auth/status`;
    const h = { Authorization: `Bearer ${key}` };
    // warm both paths (JIT, route compilation, key cache), then alternate rounds to share drift
    for (let i = 0; i < 200; i++) {
      await (await fetch(pub)).arrayBuffer();
      await (await fetch(authed, { headers: h })).arrayBuffer();
    }
    const unauthRuns: number[] = [];
    const authRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      unauthRuns.push(await throughput(pub, {}));
      authRuns.push(await throughput(authed, h));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const unauth = median(unauthRuns);
    const auth = median(authRuns);
    rows.push({
      name: `HTTP req/s (median of ${ROUNDS} alternating ${SECONDS} s rounds), authenticated: GET /auth/status with a Bearer key, ${CONCURRENCY} in flight`,
      value: fmt(auth),
      baseline: `${fmt(unauth)} unauthenticated (GET /info)`,
      ratio: ratio(auth, unauth),
    });
    rows.push({
      name: "each round, req/s: authenticated (value) and unauthenticated (baseline)",
      value: authRuns.map((x) => fmt(x)).join(", "),
      baseline: unauthRuns.map((x) => fmt(x)).join(", "),
    });
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
  }

  // In-process verification: cached (LRU by hash) vs uncached (SELECT by the unique hash index).
  const { prisma } = await import("../lib/db");
  const { createApiKey } = await import("../lib/keys/create-key");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const { verifyApiKey, clearKeyCache } = await import("../lib/auth/key-verifier");
  const local = (await createApiKey(systemPrincipal("bench"), { name: "bench-local", scopes: ["*"] })).key;
  await verifyApiKey(local);
  const cached = await opsPerSecond(() => verifyApiKey(local), 1500);
  const uncached = await opsPerSecond(async () => {
    clearKeyCache();
    await verifyApiKey(local);
  }, 1500);
  rows.push({
    name: "key verification, cached (per second)",
    value: `${fmt(cached)} (${fmt(1e6 / cached, 1)} µs each)`,
    baseline: `${fmt(uncached)} uncached (${fmt(1e6 / uncached, 1)} µs each)`,
    ratio: ratio(cached, uncached),
  });
  await prisma.$disconnect();
  return rows;
}
