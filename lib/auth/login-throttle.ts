// Slows down repeated failed sign-ins from one address: after 5 failures within 15 minutes
// each further attempt must wait (growing to 60 s); a success clears the count.
import { RateLimiterMemory } from "rate-limiter-flexible";

const FREE_FAILURES = 5;
const failures = new RateLimiterMemory({ keyPrefix: "login-fail", points: 10_000, duration: 15 * 60 });
const nextAllowed = new Map<string, number>();

export function loginWaitSeconds(ip: string, now = Date.now()): number {
  const until = nextAllowed.get(ip) ?? 0;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordLoginFailure(ip: string, now = Date.now()): Promise<void> {
  const res = await failures.penalty(ip, 1);
  const count = res.consumedPoints;
  if (count > FREE_FAILURES) {
    const delay = Math.min(60, 2 ** (count - FREE_FAILURES)) * 1000;
    nextAllowed.set(ip, now + delay);
  }
}

export async function recordLoginSuccess(ip: string): Promise<void> {
  nextAllowed.delete(ip);
  await failures.delete(ip);
}
