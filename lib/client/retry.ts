// The client's retry policy (pure): what to do after a failed attempt, and how long to wait.
//   5xx          exponential backoff with jitter: 0.5 s, 1 s, 2 s, … capped at 8 s
//   429          wait what Retry-After says (seconds or an HTTP date), capped at 60 s
//   transport    (connection refused, reset, timeout) the same backoff as 5xx
// Every kind stops after `maxAttempts` attempts in all (4 by default: the first and 3 retries).

export type RetryPolicy = {
  /** attempts in all, first one included (1 = never retry) */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  retryAfterCapMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  retryAfterCapMs: 60_000,
};

/** What an attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "server"; status: number }
  | { kind: "rateLimited"; retryAfterMs: number | null }
  | { kind: "transport" }
  | { kind: "final" };

/** Classifies a response status: 5xx and 429 may be retried, anything else is final. */
export function outcomeForStatus(status: number, retryAfterHeader: string | null, now = Date.now()): AttemptOutcome {
  if (status === 429) return { kind: "rateLimited", retryAfterMs: parseRetryAfter(retryAfterHeader, now) };
  if (status >= 500 && status <= 599) return { kind: "server", status };
  return { kind: "final" };
}

/**
 * `Retry-After` → milliseconds to wait, or null when absent or unreadable. Accepts delta-seconds
 * ("7") and HTTP dates ("Wed, 21 Oct 2026 07:28:00 GMT"); a date in the past means 0.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  if (header == null) return null;
  const v = header.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Backoff before retry number `retry` (1 for the first retry): the exponential step
 * initial·2^(retry−1), capped, with "equal jitter" — half of the step fixed, half random — so
 * clients that failed together do not come back together, and the wait never collapses to 0.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * After `attempts` attempts (≥ 1) that ended with `outcome`: the delay in ms before the next
 * attempt, or null when the client should stop and report the failure.
 */
export function nextRetryDelayMs(
  outcome: AttemptOutcome,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | null {
  if (outcome.kind === "final" || attempts >= policy.maxAttempts) return null;
  if (outcome.kind === "rateLimited" && outcome.retryAfterMs !== null) {
    return Math.min(outcome.retryAfterMs, policy.retryAfterCapMs);
  }
  return backoffDelayMs(attempts, policy, random);
}
