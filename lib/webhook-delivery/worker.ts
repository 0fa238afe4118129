// The delivery worker: one per deployment (leader election, lib/system/leader.ts), started with
// the server: in a worker thread of it on PostgreSQL (thread.ts), in its event loop on SQLite
// (instrumentation.ts). Each tick fans the outbox out into deliveries, attempts the due
// ones, and disables endpoints failing for 24 h. In the background it yields to the write path
// (it shares the process's CPU and the database with it): a tick fans out at most
// OMNI_WEBHOOK_FAN_OUT_MAX outbox rows and attempts at most OMNI_WEBHOOK_TICK_MAX deliveries, and while this process's audited writes are running the worker
// rests after each tick so that it is busy at most OMNI_WEBHOOK_DUTY of the time. Nothing is
// dropped: what a tick leaves waits, in order, for the next one.
import "server-only";
import { performance } from "node:perf_hooks";
import { startLeaderLoop, type LeaderLoop } from "../system/leader";
import { auditedWritesStarted } from "../db/audited-transaction";
import { FAN_OUT_BATCH, fanOutOutbox } from "./fan-out/queue";
import { fanOutAhead } from "./fan-out/ahead";
import { runDueDeliveries } from "./run-deliveries";
import { disableFailingEndpoints } from "./disable-failing";

/** What one tick may do: outbox rows fanned out, delivery attempts. */
export type TickBudget = { outboxRows: number; attempts: number };

/**
 * One pass of the worker (tests and the bench's drain call it directly): fans out the outbox and
 * attempts the due deliveries — all of them, unless `budget` caps the outbox rows taken (oldest
 * first) and the attempts (the rest wait, in order, for the next tick). When the outbox holds more
 * than the budget, endpoints not subscribed to everything then read ahead of the queue for the
 * rows they want (fan-out/ahead.ts): a merge-only endpoint does not wait for a backlog of other
 * events. Returns what it did: the outbox rows it took (from the head) and the attempts it made.
 */
export async function webhookTick(budget: TickBudget = { outboxRows: Infinity, attempts: Infinity }): Promise<TickBudget> {
  let outboxRows = 0;
  for (let left = budget.outboxRows; left > 0;) {
    const batch = Math.min(FAN_OUT_BATCH, left);
    const taken = await fanOutOutbox(batch);
    left -= taken;
    outboxRows += taken;
    if (taken < batch) break;
  }
  if (outboxRows >= budget.outboxRows) await fanOutAhead(); // more is queued than this tick took
  const attempts = await runDueDeliveries(new Date(), budget.attempts);
  await disableFailingEndpoints();
  return { outboxRows, attempts };
}

const envNumber = (name: string, fallback: number, ok: (v: number) => boolean): number => {
  const v = Number(process.env[name] ?? String(fallback));
  return Number.isFinite(v) && ok(v) ? v : fallback;
};

/** Poll interval (ms): OMNI_WEBHOOK_POLL_MS, default 1000. */
const pollMs = (): number => envNumber("OMNI_WEBHOOK_POLL_MS", 1000, (v) => v >= 10);
/** Deliveries attempted per background tick: OMNI_WEBHOOK_TICK_MAX, default 50. */
const tickMax = (): number => envNumber("OMNI_WEBHOOK_TICK_MAX", 50, (v) => v >= 1);
/**
 * Outbox rows fanned out (from the head of the queue) per background tick: OMNI_WEBHOOK_FAN_OUT_MAX,
 * default 500. Fanning out only queues (fan-out/queue.ts: no event snapshot read, no body built), so a
 * tick takes more rows than it sends deliveries. Not more: while writes run, the rest after a tick
 * grows with the tick, and so does the wait of a merge for the next tick. In
 * `npm run bench -- webhooks` (5 every-event endpoints and a merge-only one behind a sustained
 * writer), merges reached the merge-only endpoint in 1.7 s (median; max 3.3 s) at 500, and 4.5 s
 * (max 11.8 s) at 2000.
 */
const fanOutMax = (): number => envNumber("OMNI_WEBHOOK_FAN_OUT_MAX", 500, (v) => v >= 1);
/**
 * Share of the time (0 < d ≤ 1) the worker may be busy while writes run: OMNI_WEBHOOK_DUTY, default
 * 0.1. At 0.1, `npm run bench -- webhooks` (one serial writer, 5 every-event endpoints against none
 * in alternating slices) kept 0.95–0.98× of its writes/s over three runs on PostgreSQL (the worker
 * in its thread, thread.ts) and 0.90× on SQLite; the worker then delivered ~35/s of the ~1,600/s
 * queued, and merges reached a merge-only endpoint within 2–3 s (median). What a higher duty buys is
 * less delivery lag during a sustained burst of writes (nothing is dropped); what it costs is the
 * writes' share.
 */
const duty = (): number => envNumber("OMNI_WEBHOOK_DUTY", 0.1, (v) => v > 0 && v <= 1);
/** The longest rest after one tick (ms). */
const MAX_REST_MS = 10_000;

/**
 * The background tick, paced: skipped while resting; after a tick during which this process
 * started audited writes, rests busy × (1/duty − 1) ms (at most 10 s). With no writes running it
 * goes on at full speed: while a tick used its whole budget (more is waiting), it ticks again at
 * once, for up to a poll interval (then the leader loop waits one), so a backlog drains at about
 * half the worker's speed rather than at OMNI_WEBHOOK_TICK_MAX per poll interval. `still()`
 * (the leader loop's) false: it stops between ticks (leadership lost, or the loop stopped).
 */
export function pacedWebhookTick(): (still?: () => boolean) => Promise<void> {
  let restUntil = 0;
  return async (still = () => true) => {
    const until = performance.now() + pollMs();
    for (;;) {
      if (performance.now() < restUntil || !still()) return;
      const writes = auditedWritesStarted();
      const started = performance.now();
      const budget = { outboxRows: fanOutMax(), attempts: tickMax() };
      const done = await webhookTick(budget);
      const busy = performance.now() - started;
      if (auditedWritesStarted() !== writes) restUntil = performance.now() + Math.min(MAX_REST_MS, busy * (1 / duty() - 1));
      if ((done.outboxRows < budget.outboxRows && done.attempts < budget.attempts) || performance.now() >= until) return;
    }
  };
}

const holder = globalThis as unknown as { omniWebhookWorker?: LeaderLoop };

/**
 * Starts the worker once per process (a second call returns the running loop); only the leader of
 * the deployment ticks. `OMNI_WEBHOOKS=off` does not start it.
 */
export function startWebhookWorker(): LeaderLoop | null {
  if (process.env.OMNI_WEBHOOKS === "off") return null;
  holder.omniWebhookWorker ??= startLeaderLoop({ name: "webhooks", intervalMs: pollMs(), tick: pacedWebhookTick() });
  return holder.omniWebhookWorker;
}
