// Leader election for work that must run in exactly one process per deployment (the audit sealer,
// the webhook delivery worker): on PostgreSQL the leader is the process whose dedicated connection
// holds a session-level advisory lock (pg_try_advisory_lock); the lock is released by the server
// when that connection ends, so a process killed with -9 hands leadership on within one interval.
// On SQLite the deployment is one process, which is always the leader.
import "server-only";
import pg from "pg";
import { databaseProvider, databaseUrl } from "../db/url";
import { log } from "../log";

export type LeaderLoop = {
  /** True while this process holds the lock (always true on SQLite once started). */
  isLeader(): boolean;
  /** Runs one tick now if leader (tests; shutdown drains). Resolves when it has finished. */
  runNow(): Promise<void>;
  /** Stops ticking, waits for a running tick, releases the lock. Idempotent. */
  stop(): Promise<void>;
};

export type LeaderOptions = {
  /** Stable name of the job; the advisory lock key is hashtext('omni:' + name). */
  name: string;
  /** Milliseconds between ticks while leader, and between lock attempts while not. */
  intervalMs: number;
  /**
   * The work; errors are logged and the loop goes on. `still()` says whether this process is still
   * the leader and the loop not stopped (for a tick that goes on for a while).
   */
  tick: (still: () => boolean) => Promise<void>;
  /** Database URL (default DATABASE_URL). */
  url?: string;
};

/**
 * Starts a loop that calls `tick` every `intervalMs` while this process is the leader for `name`.
 * Ticks never overlap. The timer is unref'd: the loop alone does not keep a process alive.
 */
export function startLeaderLoop(opts: LeaderOptions): LeaderLoop {
  const url = opts.url ?? databaseUrl();
  const pgMode = databaseProvider(url) === "postgresql";
  let client: pg.Client | null = null;
  let leader = !pgMode;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const dropClient = () => {
    const c = client;
    client = null;
    if (pgMode) leader = false;
    c?.end().catch(() => {});
  };

  async function acquire(): Promise<void> {
    if (!pgMode || leader) return;
    if (!client) {
      const c = new pg.Client({ connectionString: url });
      c.on("error", (e) => {
        log.warn("leader connection lost", { job: opts.name, error: String(e) });
        if (client === c) dropClient();
      });
      await c.connect();
      client = c;
    }
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [`omni:${opts.name}`]);
    leader = rows[0]?.ok === true;
  }

  async function once(): Promise<void> {
    try {
      await acquire();
      if (leader && !stopped) await opts.tick(() => leader && !stopped);
    } catch (e) {
      log.warn("background job failed", { job: opts.name, error: e instanceof Error ? e.message : String(e) });
      if (client && !(await client.query("SELECT 1").then(() => true, () => false))) dropClient();
    }
  }

  const runNow = (): Promise<void> => {
    if (!running) running = once().finally(() => (running = null));
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().finally(schedule), opts.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    isLeader: () => leader,
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      dropClient();
    },
  };
}
