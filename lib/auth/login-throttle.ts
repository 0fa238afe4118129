// Slows down repeated failed sign-ins from one address: after 5 failures within 15 minutes
// each further attempt must wait (growing to 60 s); a success clears the count. Both counters are
// shared by every app process (security/shared-limiter.ts), so running several processes behind
// one address gives an attacker no extra attempts.
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "../security/shared-limiter";

const FREE_FAILURES = 5;
const MAX_WAIT_SECONDS = 60;

const g = globalThis as unknown as { omniLoginLimiters?: { failures: RateLimiterAbstract; blocked: RateLimiterAbstract } };
function limiters() {
  return (g.omniLoginLimiters ??= {
    failures: sharedLimiter({ keyPrefix: "login-fail", points: 10_000, duration: 15 * 60 }),
    // an address is blocked (block() marks it over this 1-point limit) until its wait is over
    blocked: sharedLimiter({ keyPrefix: "login-wait", points: 1, duration: MAX_WAIT_SECONDS }),
  });
}

/** Seconds this address must still wait before its next sign-in attempt (0: go ahead). */
export async function loginWaitSeconds(ip: string): Promise<number> {
  const r = await limiters().blocked.get(ip);
  return r && r.consumedPoints > 1 && r.msBeforeNext > 0 ? Math.ceil(r.msBeforeNext / 1000) : 0;
}

export async function recordLoginFailure(ip: string): Promise<void> {
  const { failures, blocked } = limiters();
  const count = (await failures.penalty(ip, 1)).consumedPoints;
  if (count > FREE_FAILURES) await blocked.block(ip, Math.min(MAX_WAIT_SECONDS, 2 ** (count - FREE_FAILURES)));
}

export async function recordLoginSuccess(ip: string): Promise<void> {
  const { failures, blocked } = limiters();
  await Promise.all([failures.delete(ip), blocked.delete(ip)]);
}
