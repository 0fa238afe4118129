// Webhooks: does delivery slow the write path, and how fast does the worker deliver? Audited
// writes (updatePerson: one transaction, one audit event, one outbox row) per second with no
// endpoint, beside the same with 5 endpoints subscribed to every event and the delivery worker
// running in the same process against a loopback receiver in another process (rounds of the three phases, in
// reverse order every other round). A ratio is the median of the rounds' ratios (each phase against
// the no-endpoint phase of the same round): the database grows through the run and writes/s drift
// down with it (from ~370 to ~270 in one run), which a ratio of the phases' medians would mix into
// the effect. Then the deliveries per second the worker reaches draining what those writes queued.
import { performance } from "node:perf_hooks";
import { fmt, withScratchDatabase, type BenchRow } from "./lib";
import { spawn } from "node:child_process";

/** A receiver in its own process (as a real one would be): answers 204, GET /count says how many POSTs arrived. */
async function receiverProcess(): Promise<{ url: string; count: () => Promise<number>; close: () => void }> {
  const code = `const http=require("node:http");let n=0;const s=http.createServer((q,r)=>{if(q.method==="GET"){r.end(String(n));return;}q.resume();q.on("end",()=>{n++;r.writeHead(204).end();});});s.listen(0,"127.0.0.1",()=>console.log(s.address().port));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  const base = `http://127.0.0.1:${port}`;
  return { url: `${base}/hook`, count: async () => Number(await (await fetch(base)).text()), close: () => child.kill() };
}

const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_WEBHOOKS_ROUNDS ?? 5);
const ENDPOINTS = 5;
// Persons the writer cycles through. With 200, each row was rewritten ~60 times a minute: the dead row
// versions (a name is indexed, so no update is HOT) piled up faster than autovacuum came, and
// writes/s fell from ~350 to ~140 within one run, drowning the effect measured.
const PERSONS = Number(process.env.BENCH_WEBHOOKS_PERSONS ?? 2000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
  const { updateWebhook } = await import("../lib/webhooks/update-webhook");
  const { webhookTick, startWebhookWorker } = await import("../lib/webhook-delivery/worker");
  const admin = systemPrincipal("bench");
  const rx = await receiverProcess();
  const inst = (await createInstance(admin, { name: "bench", channel: "whatsapp" })).id;
  const persons: string[] = [];
  for (let i = 0; i < PERSONS; i++) persons.push((await createPerson(admin, { displayName: `Bench ${i}`, identities: [{ instanceId: inst, platformUserId: `u${i}` }] })).id);
  const hooks: { id: string }[] = [];
  for (let i = 0; i < ENDPOINTS; i++) hooks.push(await createWebhook(admin, { url: rx.url, events: ["*"] }));
  const setEnabled = async (on: boolean) => { for (const h of hooks) await updateWebhook(admin, h.id, { disabled: !on }); };
  await webhookTick();
  await prisma.webhookDelivery.deleteMany({});

  let n = 0;
  const writesPerSecond = async () => {
    let done = 0;
    const t = performance.now();
    const end = t + SECONDS * 1000;
    while (performance.now() < end) {
      await updatePerson(admin, persons[n % persons.length], { displayName: `Edited ${n++}` } /* never the name it has: a no-op update writes nothing */);
      done++;
    }
    return (done / (performance.now() - t)) * 1000;
  };

  const without: number[] = [];
  const queuedOnly: number[] = [];
  const withHooks: number[] = [];
  let worker: ReturnType<typeof startWebhookWorker> = null;
  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
    (globalThis as { omniWebhookWorker?: unknown }).omniWebhookWorker = undefined;
  };
  const phases = {
    without: async () => {
      await setEnabled(false);
      await stopWorker();
      await webhookTick(); // drain the outbox (no enabled endpoint: nothing is delivered)
      without.push(await writesPerSecond());
    },
    queued: async () => { // endpoints subscribed, worker not running: the write path alone
      await stopWorker();
      await setEnabled(true);
      queuedOnly.push(await writesPerSecond());
    },
    with: async () => {
      await setEnabled(true);
      worker = startWebhookWorker();
      withHooks.push(await writesPerSecond());
    },
  };
  // Odd rounds run the phases in reverse order, so a drift over time (a warming or a loading
  // machine) does not always favour the same phase.
  // One round first, not measured: the first phases of a fresh database ran up to 1.8× faster than
  // the rest of the run, which made the first round's ratios swing from 0.3× to 1.2×.
  for (let r = -1; r < ROUNDS; r++) {
    for (const phase of r % 2 ? (["with", "queued", "without"] as const) : (["without", "queued", "with"] as const)) await phases[phase]();
    if (r === -1) for (const xs of [without, queuedOnly, withHooks]) xs.length = 0;
  }
  await stopWorker();

  // Drain: everything the "with" rounds queued, delivered by the worker loop as fast as it goes.
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
  const w0 = median(without);
  const w5 = median(withHooks);
  const q5 = median(queuedOnly);
  const perRound = (xs: number[]) => xs.map((x, r) => x / without[r]);
  const roundRatio = (xs: number[]) => `${median(perRound(xs)).toFixed(2)}× (rounds ${perRound(xs).map((x) => x.toFixed(2)).join(", ")})`;
  return [
    { name: `audited writes/s, ${ENDPOINTS} endpoints subscribed, worker paused (the write path alone: one outbox row per write)`, key: "queued", value: `${fmt(q5)}/s`, baseline: `${fmt(w0)}/s with no endpoint`, ratio: roundRatio(queuedOnly) },
    { name: `audited writes/s (updatePerson), ${ENDPOINTS} endpoints on every event + worker delivering in the same process (${ROUNDS} × ${SECONDS} s rounds; medians, ratio: median of the rounds' ratios)`, key: "writes", value: `${fmt(w5)}/s`, baseline: `${fmt(w0)}/s with no endpoint`, ratio: roundRatio(withHooks) },
    { name: "each round, writes/s: with endpoints (value) and without (baseline)", key: "rounds", value: withHooks.map((x) => fmt(x)).join(", "), baseline: without.map((x) => fmt(x)).join(", ") },
    { name: "deliveries/s to a loopback receiver (worker draining the backlog, signed, 4 in parallel)", key: "deliveries", value: `${fmt((drained / drainMs) * 1000)}/s`, baseline: `${fmt(drained)} drained in ${fmt(drainMs / 1000, 1)} s; ${fmt(total)} delivered in all` },
  ];
}
