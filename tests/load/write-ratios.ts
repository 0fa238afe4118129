// Audited write throughput against a single-row read, on a running app (two processes on
// PostgreSQL in `npm run test:load` and `npm run bench -- writes`): GET /persons/:id (the
// baseline), PATCH /persons/:id, POST /persons/merge (fresh pairs of one-identity persons) and
// PATCH /routes/:id (priority), at each client count. Method: every operation first runs
// unmeasured (warm-up: the JIT, Prisma's plan caches and PostgreSQL's buffers reach every path),
// then `rounds` rounds each run the read and every write in turn for `seconds` each; an
// operation's ratio is the median over the rounds of its requests/s ÷ the read's requests/s in the
// same round, so a drift of the machine during the run (another process, autovacuum, the sealer)
// moves both sides of a ratio alike. Before each phase the background work that what ran before
// left (the audit sealer, the webhook outbox: thousands of events after the merge pairs are
// created) is let finish (`settle`), so that no phase pays for another's. Any 5xx or transport
// error is counted. Requests go through http-client.ts (node:http, kept-alive connections).
import pg from "pg";
import { performance } from "node:perf_hooks";
import { httpRequest } from "./http-client";

export type RatioRow = { clients: number; op: string; rps: number; p50: number; ratio: number; ratios: number[]; errors: number; statuses: Record<number, number> };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/**
 * Measures every operation at each client count (default 8 and 50): a warm-up of `warmSeconds`
 * (default 1.5) per operation, then `rounds` (default 5) alternating rounds of `seconds` (default
 * 2.5) per operation. Returns one row per (clients, op): requests/s (median of the rounds), p50
 * latency in ms (all measured requests), ratio (median of the per-round ratios) and the per-round
 * ratios. `persons` and `routes` are existing ids to read and edit; merge pairs are created here,
 * unmeasured, before each merge phase (enough for the phase at the last measured rate).
 */
export async function measureWriteRatios(opts: {
  base: string; headers: Record<string, string>; instanceId: string; persons: string[]; routes: string[];
  clientCounts?: number[]; seconds?: number; warmSeconds?: number; rounds?: number;
  /** Resolves when the deployment's background work is done (see backgroundSettled). */
  settle?: () => Promise<void>;
}): Promise<RatioRow[]> {
  const { base, headers: H } = opts;
  const seconds = opts.seconds ?? 2.5;
  const warmSeconds = opts.warmSeconds ?? 1.5;
  const rounds = opts.rounds ?? 5;
  const send = async (method: string, path: string, body?: unknown) => {
    const r = await httpRequest(method, `${base}${path}`, H, body === undefined ? undefined : JSON.stringify(body));
    return r.status;
  };

  // merge pairs, made unmeasured (20 requests at a time) so that a merge phase only merges
  const pool: string[] = [];
  let serial = 0;
  let mergeRate = 150; // merges/s assumed before the first measurement
  const fillPool = async (phaseSeconds: number) => {
    const want = 2 * Math.ceil(mergeRate * phaseSeconds * 1.5 + 50);
    const make = async () => {
      while (pool.length < want) {
        const i = serial++;
        const r = await fetch(`${base}/persons`, {
          method: "POST", headers: H,
          body: JSON.stringify({ displayName: `Merge ${i}`, identities: [{ instanceId: opts.instanceId, platformUserId: `ratio-${process.pid}-${i}` }] }),
        });
        const j = (await r.json()) as { data?: { id: string } };
        if (j.data?.id) pool.push(j.data.id);
      }
    };
    await Promise.all(Array.from({ length: 20 }, make));
  };

  const rows: RatioRow[] = [];
  for (const clients of opts.clientCounts ?? [8, 50]) {
    const ops: [string, (c: number, i: number) => Promise<number>][] = [
      ["GET /persons/:id", (c, i) => send("GET", `/persons/${opts.persons[(c * 7 + i) % opts.persons.length]}`)],
      ["person update", (c, i) => send("PATCH", `/persons/${opts.persons[(c * 7 + i) % opts.persons.length]}`, { displayName: `Edited ${clients}-${c}-${i}-${serial++}` })],
      ["merge", () => {
        const a = pool.pop();
        const b = pool.pop();
        return a && b ? send("POST", "/persons/merge", { sourceId: a, targetId: b, reason: "ratio" }) : Promise.resolve(-1);
      }],
      ["route update", (c, i) => send("PATCH", `/routes/${opts.routes[(c * 13 + i) % opts.routes.length]}`, { priority: (i % 50) + 1 })],
    ];
    type Acc = { rps: number[]; lat: number[]; statuses: Record<number, number>; errors: number };
    const acc = new Map<string, Acc>(ops.map(([op]) => [op, { rps: [], lat: [], statuses: {}, errors: 0 }]));
    const phase = async (op: string, fn: (c: number, i: number) => Promise<number>, secs: number, measured: boolean) => {
      if (op === "merge") await fillPool(secs);
      if (measured) await opts.settle?.();
      const a = acc.get(op)!;
      const lat: number[] = [];
      const deadline = Date.now() + secs * 1000;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const t = performance.now();
          try {
            const s = await fn(c, i);
            if (s === -1) return; // merge pairs used up (the phase's rate counts what was done)
            if (!measured) continue;
            a.statuses[s] = (a.statuses[s] ?? 0) + 1;
            if (s >= 500) a.errors++;
            lat.push(performance.now() - t);
          } catch {
            if (measured) a.errors++;
          }
        }
      }));
      const rps = lat.length / ((performance.now() - t0) / 1000);
      if (measured) {
        a.rps.push(rps);
        a.lat.push(...lat);
        if (op === "merge") mergeRate = Math.max(rps, 20);
      }
    };
    for (const [op, fn] of ops) await phase(op, fn, warmSeconds, false);
    for (let r = 0; r < rounds; r++) for (const [op, fn] of ops) await phase(op, fn, seconds, true);
    const read = acc.get(ops[0][0])!;
    for (const [op] of ops) {
      const a = acc.get(op)!;
      const ratios = a.rps.map((x, r) => x / read.rps[r]);
      rows.push({ clients, op, rps: median(a.rps), p50: median(a.lat), ratio: median(ratios), ratios, errors: a.errors, statuses: a.statuses });
    }
  }
  return rows;
}

/** The rows as a markdown table. */
export function ratioTable(rows: RatioRow[]): string {
  const lines = ["| clients | operation | req/s | p50 ms | ÷ GET /persons/:id (median; each round) | statuses |", "|--:|---|--:|--:|--:|---|"];
  for (const r of rows) lines.push(`| ${r.clients} | ${r.op} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.ratio.toFixed(2)}× (${r.ratios.map((x) => x.toFixed(2)).join(", ")}) | ${JSON.stringify(r.statuses)} |`);
  return lines.join("\n");
}

/**
 * For measureWriteRatios' `settle`: waits (polling every 50 ms, at most `maxMs`, default 30 s) until
 * every audit event in the database at `databaseUrl` is sealed and its webhook outbox is empty.
 */
export function backgroundSettled(databaseUrl: string, maxMs = 30_000): () => Promise<void> {
  return async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (const until = Date.now() + maxMs; Date.now() < until;) {
        const { rows } = await db.query(`SELECT (SELECT count(*) FROM "AuditEvent" WHERE "hash" IS NULL) + (SELECT count(*) FROM "WebhookOutbox") AS n`);
        if (Number(rows[0].n) === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await db.end();
    }
  };
}
