// Per-principal, per-minute request limits (rate-limiter-flexible, fixed one-minute windows).
// One process (SQLite): counted in memory. On PostgreSQL, where several app processes serve one
// address, counted in the database (RateLimiterPostgres, table from the migration
// 20261123171500_rate_limits) so a limit of 60/min is 60/min in total; if the database cannot
// answer, each process falls back to counting in memory rather than failing requests.
// OMNI_RATE_WINDOW_SECONDS shortens the window for tests only (the e2e server uses 5 s so the
// "limit resets" test need not wait a minute); production keeps 60.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseProvider, databaseUrl } from "../db-url";
import { sidePool } from "../pg-pool";

export const DEFAULT_KEY_RATE_LIMIT = Number(process.env.OMNI_DEFAULT_RATE_LIMIT) || 600;
export const SESSION_RATE_LIMIT = Number(process.env.OMNI_SESSION_RATE_LIMIT) || 1200;

export const RATE_WINDOW_SECONDS = Number(process.env.OMNI_RATE_WINDOW_SECONDS) || 60;

const g = globalThis as unknown as { omniLimiters?: Map<number, RateLimiterAbstract> };
const limiters = (g.omniLimiters ??= new Map());

function limiterFor(points: number): RateLimiterAbstract {
  let l = limiters.get(points);
  if (!l) {
    const opts = { keyPrefix: `rl${points}`, points, duration: RATE_WINDOW_SECONDS };
    l = databaseProvider(databaseUrl()) === "postgresql"
      ? new RateLimiterPostgres({
          ...opts,
          storeClient: sidePool(),
          tableName: "omni_rate_limits",
          tableCreated: true,
          clearExpiredByTimeout: false,
          insuranceLimiter: new RateLimiterMemory(opts),
        })
      : new RateLimiterMemory(opts);
    limiters.set(points, l);
  }
  return l;
}

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export async function consumeRate(subject: string, limit: number): Promise<RateDecision> {
  try {
    const r = await limiterFor(limit).consume(subject, 1);
    return { allowed: true, limit, remaining: r.remainingPoints, resetSeconds: Math.ceil(r.msBeforeNext / 1000) };
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      return { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
    }
    throw e;
  }
}
