// Per-principal, per-minute request limits (rate-limiter-flexible, fixed one-minute windows),
// counted where every process sees them (security/shared-limiter.ts): on PostgreSQL, where
// several app processes serve one address, a limit of 60/min is 60/min in total.
// OMNI_RATE_WINDOW_SECONDS shortens the window for tests only (the e2e server uses 5 s so the
// "limit resets" test need not wait a minute); production keeps 60.
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "../security/shared-limiter";

export const DEFAULT_KEY_RATE_LIMIT = Number(process.env.OMNI_DEFAULT_RATE_LIMIT) || 600;
export const SESSION_RATE_LIMIT = Number(process.env.OMNI_SESSION_RATE_LIMIT) || 1200;

export const RATE_WINDOW_SECONDS = Number(process.env.OMNI_RATE_WINDOW_SECONDS) || 60;

const g = globalThis as unknown as { omniLimiters?: Map<number, RateLimiterAbstract> };
const limiters = (g.omniLimiters ??= new Map());

function limiterFor(points: number): RateLimiterAbstract {
  let l = limiters.get(points);
  if (!l) {
    l = sharedLimiter({ keyPrefix: `rl${points}`, points, duration: RATE_WINDOW_SECONDS });
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
