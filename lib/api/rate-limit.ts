// Per-principal, per-minute request limits (rate-limiter-flexible, fixed one-minute windows).
// OMNI_RATE_WINDOW_SECONDS shortens the window for tests only (the e2e server uses 5 s so the
// "limit resets" test need not wait a minute); production keeps 60.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export const DEFAULT_KEY_RATE_LIMIT = Number(process.env.OMNI_DEFAULT_RATE_LIMIT) || 600;
export const SESSION_RATE_LIMIT = Number(process.env.OMNI_SESSION_RATE_LIMIT) || 1200;

export const RATE_WINDOW_SECONDS = Number(process.env.OMNI_RATE_WINDOW_SECONDS) || 60;

const g = globalThis as unknown as { omniLimiters?: Map<number, RateLimiterMemory> };
const limiters = (g.omniLimiters ??= new Map());

function limiterFor(points: number): RateLimiterMemory {
  let l = limiters.get(points);
  if (!l) limiters.set(points, (l = new RateLimiterMemory({ keyPrefix: `rl${points}`, points, duration: RATE_WINDOW_SECONDS })));
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
