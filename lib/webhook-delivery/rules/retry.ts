// The retry schedule of webhook deliveries (pure; ../shared/API.md "Automation that survives
// merges"): after a failed attempt, wait about 5 s, 30 s, 2 min, 10 min, 1 h, then hourly, each
// with ±20 % jitter, until 24 h after the delivery was queued; then it has failed. An endpoint
// failing for 24 h is disabled. `scale` shrinks every duration (tests).

const SCHEDULE_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000];
const HOURLY_MS = 3_600_000;
/** How long a delivery is retried, and how long an endpoint may fail before it is disabled. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** Milliseconds to wait after failed attempt number `attempts` (1-based), jittered by `random()` in [0, 1). */
export function retryDelayMs(attempts: number, scale = 1, random: () => number = Math.random): number {
  const base = SCHEDULE_MS[Math.max(0, attempts - 1)] ?? HOURLY_MS;
  return Math.max(1, Math.round(base * scale * (0.8 + 0.4 * random())));
}

/**
 * When to try again after failed attempt number `attempts` of a delivery queued at `queuedAt`, or
 * null when its retries have run out (the next attempt would fall beyond 24 h × `scale`).
 */
export function nextAttemptAt(queuedAt: Date, attempts: number, now: Date, scale = 1, random: () => number = Math.random): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(attempts, scale, random));
  return next.getTime() - queuedAt.getTime() > GIVE_UP_AFTER_MS * scale ? null : next;
}

/** An endpoint failing since `failingSince` is disabled once 24 h × `scale` have passed. */
export const failingTooLong = (failingSince: Date | null, now: Date, scale = 1): boolean =>
  !!failingSince && now.getTime() - failingSince.getTime() >= GIVE_UP_AFTER_MS * scale;

/** The scale factor for every webhook duration, from OMNI_WEBHOOK_RETRY_SCALE (default 1; tests use e.g. 0.001). */
export function retryScale(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.OMNI_WEBHOOK_RETRY_SCALE ?? "1");
  return Number.isFinite(v) && v > 0 ? v : 1;
}
