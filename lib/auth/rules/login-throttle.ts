// Sign-in throttling rules (pure): how long a failing address or account waits, and what the
// sign-in form says about it. The counters live in lib/auth/login-throttle.ts.
import { count } from "../../format/count";

export type ThrottlePolicy = {
  /** failures within the window that cost nothing */
  freeFailures: number;
  /** the wait after the first failure past the free ones is 2 × this, doubling with each further one */
  baseSeconds: number;
  maxSeconds: number;
  /** how long failures are remembered (from the first one), seconds */
  windowSeconds: number;
};

/** One address (whatever accounts it tries): 5 free failures, then 2 s, 4 s, … up to a minute. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 5, baseSeconds: 1, maxSeconds: 60, windowSeconds: 15 * 60 };

/**
 * One account (from any number of addresses): 10 free failures, then locked for 30 s, 60 s, … up
 * to 15 minutes. Counted for any email, known or not, so the answer tells nothing about accounts.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 10, baseSeconds: 15, maxSeconds: 15 * 60, windowSeconds: 15 * 60 };

export type ThrottleReason = "address" | "account";

/** Whole seconds to wait after the `failures`-th failure within the window (0: no wait). */
export function waitAfterFailures(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** doublings);
}

/** A remaining wait in milliseconds as whole seconds, rounded up: waiting that long is enough. */
export function wholeSecondsLeft(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** "1 second", "2 seconds". */
export function secondsText(seconds: number): string {
  return count(seconds, "second");
}

/** The sign-in form's message for a refused attempt (`seconds` ≥ 1, whole). */
export function throttleMessage(reason: ThrottleReason, seconds: number): string {
  const who = reason === "address" ? "from your address" : "for this account";
  return `Too many failed sign-in attempts ${who}. Try again in ${secondsText(seconds)}.`;
}

/** The email as an account key: trimmed, lower case (as users are stored). */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
