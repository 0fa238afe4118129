// Audited write throughput against a single-row read, on a running app (two processes on
// PostgreSQL in `npm run test:load` and `npm run bench -- writes`): at each client count, each
// operation runs alone for a few seconds — GET /persons/:id (the baseline), PATCH /persons/:id,
// POST /persons/merge (fresh pairs of one-identity persons), PATCH /routes/:id (priority) — and
// its requests/s is divided by the baseline's. Any 5xx or transport error is counted.
import { performance } from "node:perf_hooks";

export type RatioRow = { clients: number; op: string; rps: number; p50: number; ratio: number; errors: number; statuses: Record<number, number> };

const q50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/**
 * Measures every operation at each client count for `seconds` each; returns one row per (clients,
 * op). `persons` and `routes` are existing ids to read and edit; merge pairs are created here
 * (about `mergeBudget` persons per client count).
 */
export async function measureWriteRatios(opts: {
  base: string; headers: Record<string, string>; instanceId: string; persons: string[]; routes: string[];
  clientCounts?: number[]; seconds?: number; mergeBudget?: number;
}): Promise<RatioRow[]> {
  const { base, headers: H } = opts;
  const seconds = opts.seconds ?? 6;
  const rows: RatioRow[] = [];
  const send = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: H, body: body === undefined ? undefined : JSON.stringify(body) });
    await r.arrayBuffer();
    return r.status;
  };
  let serial = 0;
  for (const clients of opts.clientCounts ?? [8, 50]) {
    // merge pairs, made beforehand (20 at a time) so the timed phase only merges
    const budget = opts.mergeBudget ?? 600;
    const pool: string[] = [];
    const make = async () => {
      while (pool.length < budget) {
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

    const ops: [string, (c: number, i: number) => Promise<number>][] = [
      ["GET /persons/:id", (c, i) => send("GET", `/persons/${opts.persons[(c * 7 + i) % opts.persons.length]}`)],
      ["person update", (c, i) => send("PATCH", `/persons/${opts.persons[(c * 7 + i) % opts.persons.length]}`, { displayName: `Edited ${clients}-${c}-${i}` })],
      ["merge", () => {
        const a = pool.pop();
        const b = pool.pop();
        return a && b ? send("POST", "/persons/merge", { sourceId: a, targetId: b, reason: "ratio" }) : Promise.resolve(-1);
      }],
      ["route update", (c, i) => send("PATCH", `/routes/${opts.routes[(c * 13 + i) % opts.routes.length]}`, { priority: (i % 50) + 1 })],
    ];
    let baseline = NaN;
    for (const [op, fn] of ops) {
      const lat: number[] = [];
      const statuses: Record<number, number> = {};
      let errors = 0;
      const deadline = Date.now() + seconds * 1000;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const t = performance.now();
          try {
            const s = await fn(c, i);
            if (s === -1) return; // merge pairs used up
            statuses[s] = (statuses[s] ?? 0) + 1;
            if (s >= 500) errors++;
            lat.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }));
      const rps = lat.length / ((performance.now() - t0) / 1000);
      if (op === "GET /persons/:id") baseline = rps;
      rows.push({ clients, op, rps, p50: q50(lat), ratio: rps / baseline, errors, statuses });
    }
  }
  return rows;
}

/** The rows as a markdown table. */
export function ratioTable(rows: RatioRow[]): string {
  const lines = ["| clients | operation | req/s | p50 ms | ÷ GET /persons/:id | statuses |", "|--:|---|--:|--:|--:|---|"];
  for (const r of rows) lines.push(`| ${r.clients} | ${r.op} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${JSON.stringify(r.statuses)} |`);
  return lines.join("\n");
}
