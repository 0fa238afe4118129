// One small node-postgres pool per process for the PostgreSQL work Prisma does not do: publishing
// change notifications (events/change-bus.ts) and the shared rate-limit counters
// (api/rate-limit.ts). allowExitOnIdle: a script that used it can still exit on its own.
import pg from "pg";
import { databaseUrl } from "./url";
import { log } from "../log";

const g = globalThis as unknown as { omniPgPool?: pg.Pool; omniRatePool?: pg.Pool };

/**
 * The pool that publishes change notifications (events/change-bus.ts). Its sessions commit with
 * synchronous_commit = off: a notification is not replayed after a crash in any case, and a
 * commit that sent one holds PostgreSQL's notify lock, which every other notifying commit waits
 * for, so it must not wait on a disk flush.
 */
export function sidePool(): pg.Pool {
  if (!g.omniPgPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 5, allowExitOnIdle: true, options: "-c synchronous_commit=off" });
    pool.on("error", (e) => log.warn("pg pool error", { error: String(e) }));
    g.omniPgPool = pool;
  }
  return g.omniPgPool;
}

/**
 * The pool of the shared rate-limit counters (api/rate-limit.ts): its sessions commit with
 * synchronous_commit = off (the table is UNLOGGED too), so counting a request never waits on a
 * disk flush; a crash loses at most the last moments of counts, which expire within a minute anyway.
 */
export function rateLimitPool(): pg.Pool {
  if (!g.omniRatePool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 5, allowExitOnIdle: true, options: "-c synchronous_commit=off" });
    pool.on("error", (e) => log.warn("pg pool error", { error: String(e) }));
    g.omniRatePool = pool;
  }
  return g.omniRatePool;
}
