// Counters and latency figures of the route resolver: totals, percentiles over a rolling window
// of the latest resolutions, and a per-minute series for the metrics chart.

export type MinutePoint = {
  /** start of the minute, ISO 8601 UTC */
  at: string;
  hits: number;
  misses: number;
  /** hits / (hits + misses) in that minute, null when there were no resolutions */
  hitRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  invalidations: number;
};

type Bucket = { minute: number; hits: number; misses: number; invalidations: number; samples: number[]; seen: number };

const WINDOW = 2048;
const SAMPLES_PER_MINUTE = 512;
export const SERIES_MINUTES = 30;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export class ResolverMetrics {
  hits = 0;
  misses = 0;
  invalidations = 0;
  invalidationEvents = 0;
  readonly since = new Date();
  private window = new Float64Array(WINDOW);
  private windowCount = 0;
  private windowNext = 0;
  private buckets: Bucket[] = [];

  constructor(private now: () => number = Date.now) {}

  private bucket(): Bucket {
    const minute = Math.floor(this.now() / 60_000);
    let b = this.buckets[this.buckets.length - 1];
    if (!b || b.minute !== minute) {
      b = { minute, hits: 0, misses: 0, invalidations: 0, samples: [], seen: 0 };
      this.buckets.push(b);
      const oldest = minute - SERIES_MINUTES;
      while (this.buckets.length && this.buckets[0].minute <= oldest) this.buckets.shift();
    }
    return b;
  }

  record(hit: boolean, ms: number): void {
    if (hit) this.hits++;
    else this.misses++;
    this.window[this.windowNext] = ms;
    this.windowNext = (this.windowNext + 1) % WINDOW;
    this.windowCount = Math.min(WINDOW, this.windowCount + 1);
    const b = this.bucket();
    if (hit) b.hits++;
    else b.misses++;
    // reservoir sample, so a busy minute keeps a fair sample in bounded memory
    b.seen++;
    if (b.samples.length < SAMPLES_PER_MINUTE) b.samples.push(ms);
    else {
      const j = Math.floor(Math.random() * b.seen);
      if (j < SAMPLES_PER_MINUTE) b.samples[j] = ms;
    }
  }

  recordInvalidation(entries: number): void {
    this.invalidationEvents++;
    this.invalidations += entries;
    this.bucket().invalidations += entries;
  }

  reset(): void {
    this.hits = this.misses = this.invalidations = this.invalidationEvents = 0;
    this.windowCount = this.windowNext = 0;
    this.buckets = [];
  }

  /** The last SERIES_MINUTES minutes, oldest first, minutes without traffic included. */
  series(): MinutePoint[] {
    const current = Math.floor(this.now() / 60_000);
    const byMinute = new Map(this.buckets.map((b) => [b.minute, b]));
    const out: MinutePoint[] = [];
    for (let m = current - SERIES_MINUTES + 1; m <= current; m++) {
      const b = byMinute.get(m);
      const total = b ? b.hits + b.misses : 0;
      const sorted = b ? [...b.samples].sort((x, y) => x - y) : [];
      out.push({
        at: new Date(m * 60_000).toISOString(),
        hits: b?.hits ?? 0,
        misses: b?.misses ?? 0,
        hitRate: total ? round(b!.hits / total) : null,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        invalidations: b?.invalidations ?? 0,
      });
    }
    return out;
  }

  snapshot() {
    const sorted = Array.from(this.window.subarray(0, this.windowCount)).sort((a, b) => a - b);
    const total = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      hitRate: total ? round(this.hits / total)! : 0,
      invalidations: this.invalidations,
      invalidationEvents: this.invalidationEvents,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
      latencyWindow: this.windowCount,
      since: this.since.toISOString(),
      series: this.series(),
    };
  }
}
