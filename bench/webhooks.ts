// Webhooks: does delivery slow the write path, and how fast does the worker deliver? Audited
// writes (updatePerson: one transaction, one audit event, one outbox row) per second from one
// serial writer, with no endpoint beside the same with 5 endpoints subscribed to every event, the
// delivery worker running in the same process as the server runs it (its own thread on
// PostgreSQL) against a loopback receiver in another process; in alternating slices (see below).
// Then how soon a merge reaches an endpoint subscribed to merges only while the writes go on, and
// the deliveries per second the worker reaches draining what those writes queued.
import { performance } from "node:perf_hooks";
import { fmt, withScratchDatabase, type BenchRow } from "./lib";
import { spawn } from "node:child_process";

/**
 * A receiver in its own process (as a real one would be): answers 204; GET / says how many POSTs
 * arrived; POSTs to /merges are also recorded (webhook-id → arrival time, ms since the epoch),
 * read with GET /merges.
 */
async function receiverProcess(): Promise<{ url: string; mergesUrl: string; count: () => Promise<number>; merges: () => Promise<Record<string, number>>; close: () => void }> {
  const code = `const http=require("node:http");let n=0;const m={};const s=http.createServer((q,r)=>{if(q.method==="GET"){r.end(q.url==="/merges"?JSON.stringify(m):String(n));return;}if(q.url==="/merges")m[q.headers["webhook-id"]]??=Date.now();q.resume();q.on("end",()=>{n++;r.writeHead(204).end();});});s.listen(0,"127.0.0.1",()=>console.log(s.address().port));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/hook`, mergesUrl: `${base}/merges`,
    count: async () => Number(await (await fetch(base)).text()),
    merges: async () => (await (await fetch(`${base}/merges`)).json()) as Record<string, number>,
    close: () => child.kill(),
  };
}

const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 2);
const SLICES = Number(process.env.BENCH_WEBHOOKS_SLICES ?? 15);
const ENDPOINTS = 5;
/** Merges made while the writer runs, for the merge-only subscriber's lag, and the pause between them. */
const MERGES = Number(process.env.BENCH_WEBHOOKS_MERGES ?? 20);
const MERGE_EVERY_MS = 500;
const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms)} ms` : "not arrived in 30 s");
// Persons the writer cycles through. With 200, each row was rewritten ~60 times a minute: the dead row
// versions (a name is indexed, so no update is HOT) piled up faster than autovacuum came, and
// writes/s fell from ~350 to ~140 within one run, drowning the effect measured.
const PERSONS = Number(process.env.BENCH_WEBHOOKS_PERSONS ?? 2000);

export async function bench(): Promise<BenchRow[]> {
  process.env.OMNI_LOG ??= "silent";
  process.env.OMNI_WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.OMNI_WEBHOOK_POLL_MS = "100";
  return withScratchDatabase("webhooks", () => run());
}

async function run(): Promise<BenchRow[]> {
  const { prisma } = await import("../lib/db");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const { createInstance } = await import("../lib/catalog/instances");
  const { createPerson } = await import("../lib/persons/create-person");
  const { updatePerson } = await import("../lib/persons/update-person");
  const { createWebhook } = await import("../lib/webhooks/create-webhook");
  const { mergePersons } = await import("../lib/persons/merge-persons");
  const { updateWebhook } = await import("../lib/webhooks/update-webhook");
  const { webhookTick, startWebhookWorker } = await import("../lib/webhook-delivery/worker");
  const { startWebhookWorkerThread } = await import("../lib/webhook-delivery/thread");
  const { dbProvider } = await import("../lib/db");
  // As the server runs it (scripts/lib/http-server.ts): in a worker thread on PostgreSQL, in the
  // event loop on SQLite. BENCH_WEBHOOKS_WORKER=loop|thread picks one (for comparing them).
  const inThread = (process.env.BENCH_WEBHOOKS_WORKER ?? (dbProvider === "postgresql" ? "thread" : "loop")) === "thread";
  const startWorker = inThread ? startWebhookWorkerThread : startWebhookWorker;
  const admin = systemPrincipal("bench");
  const rx = await receiverProcess();
  const inst = (await createInstance(admin, { name: "bench", channel: "whatsapp" })).id;
  const persons: string[] = [];
  for (let i = 0; i < PERSONS; i++) persons.push((await createPerson(admin, { displayName: `Bench ${i}`, identities: [{ instanceId: inst, platformUserId: `u${i}` }] })).id);
  const pairs: [string, string][] = [];
  for (let i = 0; i < MERGES; i++) {
    const pair = [];
    for (const side of ["a", "b"]) pair.push((await createPerson(admin, { displayName: `Merge ${i}${side}`, identities: [{ instanceId: inst, platformUserId: `m${i}${side}` }] })).id);
    pairs.push(pair as [string, string]);
  }
  const hooks: { id: string }[] = [];
  for (let i = 0; i < ENDPOINTS; i++) hooks.push(await createWebhook(admin, { url: rx.url, events: ["*"] }));
  const setEnabled = async (on: boolean) => { for (const h of hooks) await updateWebhook(admin, h.id, { disabled: !on }); };
  await webhookTick();
  await prisma.webhookDelivery.deleteMany({});

  let n = 0;
  // One write, then a turn of the event loop, as a server takes each request in an I/O callback of
  // its own. Without it, on SQLite (better-sqlite3 is synchronous: each write's awaits resolve as
  // microtasks) the writer never let a timer run: the worker's ticks starved, and the merges below,
  // started by a timer, never came.
  const write = async () => {
    await updatePerson(admin, persons[n % persons.length], { displayName: `Edited ${n++}` } /* never the name it has: a no-op update writes nothing */);
    await new Promise((r) => setImmediate(r));
  };
  const writesPerSecond = async () => {
    let done = 0;
    const t = performance.now();
    const end = t + SECONDS * 1000;
    while (performance.now() < end) {
      await write();
      done++;
    }
    return (done / (performance.now() - t)) * 1000;
  };

  // The worker runs throughout, as in the server; what alternates is whether the 5 endpoints are
  // enabled. Disabled (0 endpoints): a write queues no outbox row and the worker has nothing to
  // do. Enabled: each write queues one outbox row, and the worker fans it out to 5 deliveries and
  // sends them, yielding to the writes. Short slices, alternating (…, 0, 5, 0, 5, 0, …), and each
  // 5-endpoint slice compared with the mean of the 0-endpoint slices on either side of it: the
  // database grows through the run and writes/s drift with it (from ~420 to ~270 in one run), which
  // the neighbours' mean cancels where a comparison of separate rounds mixed it into the effect.
  const worker = startWorker();
  const without: number[] = [];
  const withHooks: number[] = [];
  const deliveredWhileWriting: number[] = [];
  const slice = async (on: boolean) => {
    await setEnabled(on);
    const before = on ? await rx.count() : 0;
    const t = performance.now();
    const w = await writesPerSecond();
    if (!on) return without.push(w);
    withHooks.push(w);
    deliveredWhileWriting.push((((await rx.count()) - before) / (performance.now() - t)) * 1000);
  };
  // Two unmeasured pairs first: the first writes of a fresh database ran up to 1.8× faster than the
  // rest of the run.
  for (let i = 0; i < 2; i++) for (const on of [false, true]) await slice(on);
  without.length = withHooks.length = deliveredWhileWriting.length = 0;
  const outboxAfterSlice: number[] = [];
  for (let i = 0; i < SLICES; i++) {
    for (const on of [false, true]) await slice(on);
    outboxAfterSlice.push(await prisma.webhookOutbox.count()); // not yet fanned out, after a 5-endpoint slice
  }
  await slice(false);

  // A merge-only subscriber while the writes go on: the 5 every-event endpoints enabled with their
  // backlog from the slices above, one more endpoint subscribed to person.merge, the serial writer
  // running, and a merge every MERGE_EVERY_MS. How long from a merge's commit to its arrival?
  await setEnabled(true);
  await createWebhook(admin, { url: rx.mergesUrl, events: ["person.merge"] });
  const committed = new Map<string, number>();
  const mergesDone = (async () => {
    for (const [sourceId, targetId] of pairs) {
      await new Promise((r) => setTimeout(r, MERGE_EVERY_MS));
      committed.set((await mergePersons(admin, { sourceId, targetId, reason: "bench" })).auditEventId, Date.now());
    }
  })();
  let writerStop = false;
  const writer = (async () => { while (!writerStop) await write(); })();
  await mergesDone;
  for (const until = Date.now() + 30_000; Date.now() < until && Object.keys(await rx.merges()).length < committed.size;) await new Promise((r) => setTimeout(r, 100));
  writerStop = true;
  await writer;
  const arrived = await rx.merges();
  const lags = [...committed].map(([id, at]) => (arrived[id] === undefined ? Infinity : arrived[id] - at)).sort((a, b) => a - b);
  const backlogAtEnd = await prisma.webhookDelivery.count({ where: { status: "pending" } });
  await worker?.stop();
  (globalThis as { omniWebhookWorker?: unknown }).omniWebhookWorker = undefined;
  await setEnabled(true); // the run ends on a slice without endpoints: disabled, their backlog would never drain

  // Drain: everything the 5-endpoint slices queued, delivered by the worker loop as fast as it goes.
  const t = performance.now();
  const before = await rx.count();
  for (;;) {
    await webhookTick();
    const left = (await prisma.webhookOutbox.count()) + (await prisma.webhookDelivery.count({ where: { status: "pending" } }));
    if (!left) break;
  }
  const drainMs = performance.now() - t;
  const total = await prisma.webhookDelivery.count({ where: { status: "succeeded" } });
  const drained = (await rx.count()) - before;
  rx.close();
  // slice i with endpoints against the mean of the slices without on either side of it
  const ratios = withHooks.map((w, i) => w / ((without[i] + without[i + 1]) / 2));
  const sorted = [...ratios].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = mean(withHooks) / mean(withHooks.map((_, i) => (without[i] + without[i + 1]) / 2));
  return [
    { name: `audited writes/s (updatePerson, one serial writer) with ${ENDPOINTS} endpoints on every event and the worker delivering in the same process (${inThread ? "in its own thread" : "in the event loop"}), against 0 endpoints (${SLICES} pairs of ${SECONDS} s slices, alternating; ratio: the 5-endpoint slices' writes ÷ their neighbours' mean; per-slice quartiles)`, key: "writes", value: `${fmt(mean(withHooks))}/s`, baseline: `${fmt(mean(without))}/s with no endpoint`, ratio: `${ratio.toFixed(2)}× (slices: quartiles ${q(0.25).toFixed(2)}–${q(0.75).toFixed(2)}, range ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)})` },
    { name: "writes/s of each slice: with endpoints (value) and without (baseline)", key: "slices", value: withHooks.map((x) => fmt(x)).join(", "), baseline: without.map((x) => fmt(x)).join(", ") },
    { name: `deliveries/s while the writes run (the worker yielding to them; the writes queue ${ENDPOINTS} a write)`, key: "delivered-while-writing", value: `${fmt(mean(deliveredWhileWriting))}/s`, baseline: `${fmt(mean(withHooks) * ENDPOINTS)}/s queued` },
    { name: "outbox rows not yet fanned out at the end of each 5-endpoint slice (median, max): how far the fan-out lags the writes", key: "outbox", value: `${fmt([...outboxAfterSlice].sort((a, b) => a - b)[Math.floor(outboxAfterSlice.length / 2)])}, ${fmt(Math.max(...outboxAfterSlice))}`, baseline: `${fmt(mean(withHooks) * SECONDS)} writes a slice` },
    { name: `a merge-only subscriber while the serial writer runs (the 5 every-event endpoints enabled, their backlog waiting): time from a merge's commit to its arrival, median and max of ${MERGES} merges, one every ${MERGE_EVERY_MS} ms`, key: "merge-lag", value: `${fmtMs(lags[Math.floor(lags.length / 2)])}, ${fmtMs(lags[lags.length - 1])}`, baseline: `${fmt(lags.filter(Number.isFinite).length)} of ${MERGES} arrived; ${fmt(backlogAtEnd)} deliveries pending for the others` },
    { name: "deliveries/s to a loopback receiver (worker draining the backlog, signed, 4 in parallel)", key: "deliveries", value: `${fmt((drained / drainMs) * 1000)}/s`, baseline: `${fmt(drained)} drained in ${fmt(drainMs / 1000, 1)} s; ${fmt(total)} delivered in all` },
  ];
}
