// Counters that every app process shares: on PostgreSQL in the database (rate-limiter-flexible's
// RateLimiterPostgres, table omni_rate_limits from the migration 20261123171500_rate_limits,
// UNLOGGED and written with synchronous_commit = off: no disk flush per request), so
// several processes behind one address count together; on SQLite (one process) in memory. If the
// database cannot answer, a process falls back to counting in memory rather than failing requests.
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseProvider, databaseUrl } from "../db/url";
import { rateLimitPool } from "../db/pg-pool";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

export function sharedLimiter(opts: LimiterOptions): RateLimiterAbstract {
  if (databaseProvider(databaseUrl()) !== "postgresql") return new RateLimiterMemory(opts);
  return new RateLimiterPostgres({
    ...opts,
    storeClient: rateLimitPool(),
    tableName: "omni_rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory(opts),
  });
}
