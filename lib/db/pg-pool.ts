// One small node-postgres pool per process for the PostgreSQL work Prisma does not do: publishing
// change notifications (services/change-bus.ts) and the shared rate-limit counters
// (api/rate-limit.ts). allowExitOnIdle: a script that used it can still exit on its own.
import pg from "pg";
import { databaseUrl } from "./url";
import { log } from "../log";

const g = globalThis as unknown as { omniPgPool?: pg.Pool };

export function sidePool(): pg.Pool {
  if (!g.omniPgPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 5, allowExitOnIdle: true });
    pool.on("error", (e) => log.warn("pg pool error", { error: String(e) }));
    g.omniPgPool = pool;
  }
  return g.omniPgPool;
}
