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

type Waiter = { resolve: (d: RateDecision) => void; reject: (e: unknown) => void };
/** Per limiter and subject: the requests waiting to be counted, and whether a count is in flight. */
type Queue = { waiting: Waiter[]; counting: boolean };
const queues = new Map<string, Queue>();

/**
 * Counts one request of `subject` against `limit` per window and says whether it is allowed, how
 * many remain and in how many seconds (whole, ≥ 1 when refused) the window resets. Requests of one
 * subject that arrive while this process is already counting for it are counted together, in one
 * `consume(subject, n)` of the store (on PostgreSQL one statement instead of one per request, on
 * the subject's one hot row): the i-th of them is the (total − n + i)-th request of the window,
 * allowed when that is within the limit — the same answers as counting them one by one. Store
 * errors reject every request of the batch (rate-limiter-flexible falls back to memory first).
 */
export function consumeRate(subject: string, limit: number): Promise<RateDecision> {
  const key = `${limit}|${subject}`;
  return new Promise((resolve, reject) => {
    let q = queues.get(key);
    if (!q) queues.set(key, (q = { waiting: [], counting: false }));
    q.waiting.push({ resolve, reject });
    if (!q.counting) void countBatch(key, q, subject, limit);
  });
}

async function countBatch(key: string, q: Queue, subject: string, limit: number): Promise<void> {
  const batch = q.waiting;
  q.waiting = [];
  q.counting = true;
  try {
    let r: RateLimiterRes;
    try {
      r = await limiterFor(limit).consume(subject, batch.length);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      r = e; // over the limit: consumedPoints still says where the batch ended
    }
    const reset = Math.ceil(r.msBeforeNext / 1000);
    batch.forEach((w, i) => {
      const nth = r.consumedPoints - batch.length + i + 1;
      w.resolve(nth <= limit
        ? { allowed: true, limit, remaining: limit - nth, resetSeconds: reset }
        : { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, reset) });
    });
  } catch (e) {
    for (const w of batch) w.reject(e);
  } finally {
    q.counting = false;
    if (q.waiting.length) void countBatch(key, q, subject, limit);
    else queues.delete(key);
  }
}
