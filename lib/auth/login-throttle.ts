// Sign-in throttling, counted per client address AND per account (rules/login-throttle.ts): an
// address that keeps failing waits, whatever accounts it tries; an account that keeps failing is
// locked, from whatever addresses it is tried. The address is lib/security/client-address.ts's
// (a header the client sends cannot make a new one). A refused attempt is not counted, so the
// stated wait is the whole wait. A success clears the address's and the account's counts. All
// counters are shared by every app process (security/shared-limiter.ts: memory on SQLite, the
// omni_rate_limits table on PostgreSQL), so several processes give an attacker no extra attempts.
import "server-only";
import { createHash } from "node:crypto";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "../security/shared-limiter";
import {
  ACCOUNT_POLICY, ADDRESS_POLICY, accountKey, throttleMessage, waitAfterFailures, wholeSecondsLeft,
  type ThrottlePolicy, type ThrottleReason,
} from "./rules/login-throttle";

export type SignInAttempt = {
  /** the client address; null (unknown) counts as one shared address */
  address: string | null;
  /** as typed; compared trimmed and lower-cased */
  email: string;
};

export type SignInRefusal = { reason: ThrottleReason; waitSeconds: number; message: string };

type Counter = { failures: RateLimiterAbstract; blocked: RateLimiterAbstract; policy: ThrottlePolicy };

function counter(prefix: string, policy: ThrottlePolicy): Counter {
  return {
    policy,
    failures: sharedLimiter({ keyPrefix: `${prefix}-fail`, points: 1_000_000, duration: policy.windowSeconds }),
    // a key is blocked (block() marks it over this 1-point limit) until its wait is over
    blocked: sharedLimiter({ keyPrefix: `${prefix}-wait`, points: 1, duration: policy.maxSeconds }),
  };
}

const g = globalThis as unknown as { omniSignInCounters?: { address: Counter; account: Counter } };
function counters() {
  return (g.omniSignInCounters ??= { address: counter("login", ADDRESS_POLICY), account: counter("login-account", ACCOUNT_POLICY) });
}

const addressKey = (address: string | null) => address ?? "unknown";
/** The account's counter key: a digest of the normalised email (any length fits the store's key column), or "" for none. */
const accountCounterKey = (email: string) => {
  const normalised = accountKey(email);
  return normalised ? createHash("sha256").update(normalised).digest("base64url") : "";
};

async function secondsLeft(c: Counter, key: string): Promise<number> {
  const r = await c.blocked.get(key);
  return r && r.consumedPoints > 1 ? wholeSecondsLeft(r.msBeforeNext) : 0;
}

async function countFailure(c: Counter, key: string): Promise<{ failures: number; waitSeconds: number }> {
  const failures = (await c.failures.penalty(key, 1)).consumedPoints;
  const waitSeconds = waitAfterFailures(failures, c.policy);
  if (waitSeconds > 0) await c.blocked.block(key, waitSeconds);
  return { failures, waitSeconds };
}

/**
 * Why this attempt must not be checked now, or null to go ahead. When both the address and the
 * account wait, the longer wait is given. `waitSeconds` is whole (rounded up): an attempt made
 * that many seconds later is not refused for the same reason.
 */
export async function signInRefusal(a: SignInAttempt): Promise<SignInRefusal | null> {
  const { address, account } = counters();
  const email = accountCounterKey(a.email);
  const [byAddress, byAccount] = await Promise.all([
    secondsLeft(address, addressKey(a.address)),
    email ? secondsLeft(account, email) : 0,
  ]);
  if (!byAddress && !byAccount) return null;
  const reason: ThrottleReason = byAccount > byAddress ? "account" : "address";
  const waitSeconds = Math.max(byAddress, byAccount);
  return { reason, waitSeconds, message: throttleMessage(reason, waitSeconds) };
}

/**
 * Counts a failed attempt for its address and its account. `accountLockedSeconds` > 0 when this
 * failure locked the account (for that many seconds); `accountFailures` is the account's count.
 */
export async function recordSignInFailure(a: SignInAttempt): Promise<{ accountLockedSeconds: number; accountFailures: number }> {
  const { address, account } = counters();
  const email = accountCounterKey(a.email);
  await countFailure(address, addressKey(a.address));
  if (!email) return { accountLockedSeconds: 0, accountFailures: 0 };
  const r = await countFailure(account, email);
  return { accountLockedSeconds: r.waitSeconds, accountFailures: r.failures };
}

/** A successful sign-in: forgets the address's and the account's failures. */
export async function recordSignInSuccess(a: SignInAttempt): Promise<void> {
  const { address, account } = counters();
  const key = addressKey(a.address);
  const email = accountCounterKey(a.email);
  await Promise.all([
    address.failures.delete(key),
    address.blocked.delete(key),
    ...(email ? [account.failures.delete(email), account.blocked.delete(email)] : []),
  ]);
}
