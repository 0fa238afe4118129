// The webhook delivery worker in a worker thread of the serving process (node:worker_threads), on
// PostgreSQL: signing, sending and the worker's queries run on their own event loop, so a tick
// never holds up a request's continuation in the server's. The thread has its own database pool
// and takes part in the same leader election (one worker per deployment); it still paces itself
// by the process's audited writes (shared memory), since it shares the machine's CPU and the
// database with them. On SQLite (one connection per process) the worker stays in the server's
// event loop (instrumentation.ts → worker.ts). The thread runs lib/ through tsx, as `npm start`.
import "server-only";
import { Worker } from "node:worker_threads";
import { auditedWritesCounter } from "../db/audited-transaction";
import type { LeaderLoop } from "../system/leader";
import { onShutdown } from "../system/shutdown";
import { log } from "../log";

/** Messages to the thread. */
export type ThreadRequest = { type: "run"; id: number } | { type: "stop" };
/** Messages from the thread. */
export type ThreadReply = { type: "ready"; leader: boolean } | { type: "leader"; leader: boolean } | { type: "ran"; id: number } | { type: "stopped" };

/** Wait before a thread that ended unexpectedly is replaced (ms). */
const RESTART_MS = 5000;

const holder = globalThis as unknown as { omniWebhookWorker?: LeaderLoop };

/**
 * Starts the delivery worker in a worker thread, once per process: it is then the process's
 * webhook worker (`globalThis.omniWebhookWorker`), so the app's own start of the worker
 * (instrumentation.ts → startWebhookWorker) finds it running and starts none. Returns a LeaderLoop
 * whose `isLeader()` is the thread's last report, `runNow()` runs a tick in the thread and
 * `stop()` stops the loop and ends the thread (also on SIGTERM, lib/system/shutdown.ts). A thread
 * that ends unexpectedly is logged and replaced after 5 s. `OMNI_WEBHOOKS=off`: starts nothing,
 * returns null.
 */
export function startWebhookWorkerThread(): LeaderLoop | null {
  if (process.env.OMNI_WEBHOOKS === "off") return null;
  if (holder.omniWebhookWorker) return holder.omniWebhookWorker;
  let worker: Worker | null = null;
  let leader = false;
  let stopping = false;
  let nextId = 0;
  const waiting = new Map<number, () => void>();
  let stopped: (() => void) | null = null;

  const spawn = () => {
    const w = new Worker(new URL("./thread-boot.mjs", import.meta.url), { workerData: { auditedWrites: auditedWritesCounter() }, name: "omni-webhooks" });
    worker = w;
    w.on("message", (m: ThreadReply) => {
      if (m.type === "ready" || m.type === "leader") leader = m.leader;
      else if (m.type === "ran") {
        waiting.get(m.id)?.();
        waiting.delete(m.id);
      } else if (m.type === "stopped") {
        leader = false;
        stopped?.();
      }
    });
    w.on("error", (e) => log.error("webhook worker thread failed", { error: e instanceof Error ? e.stack ?? e.message : String(e) }));
    w.on("exit", (code) => {
      worker = null;
      leader = false;
      for (const done of waiting.values()) done();
      waiting.clear();
      stopped?.();
      if (stopping) return;
      log.error("webhook worker thread ended; replacing it", { code, inMs: RESTART_MS });
      setTimeout(() => !stopping && spawn(), RESTART_MS).unref();
    });
  };
  spawn();

  const loop: LeaderLoop = {
    isLeader: () => leader,
    runNow: () =>
      new Promise<void>((resolve) => {
        if (!worker) return resolve();
        const id = ++nextId;
        waiting.set(id, resolve);
        worker.postMessage({ type: "run", id } satisfies ThreadRequest);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (!worker) return resolve();
        stopped = resolve;
        worker.postMessage({ type: "stop" } satisfies ThreadRequest);
      }),
  };
  onShutdown("webhook-worker-thread", () => loop.stop());
  holder.omniWebhookWorker = loop;
  return loop;
}
