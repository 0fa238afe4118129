// Evenly spaced axis ticks on round values, for charts whose data sets the scale.

const STEPS = [1, 2, 2.5, 5];

/**
 * The ticks of an axis from 0 that covers `max` in `intervals` equal steps (default 4), each step
 * a round number (1, 2, 2.5 or 5 × a power of ten), the smallest such step that reaches `max`.
 * `max` ≤ 0 or not finite gives the ticks of a step of 1. Returns `intervals + 1` numbers,
 * ascending, the first 0: axisTicks(2.6) → [0, 1, 2, 3, 4]; axisTicks(0.9) → [0, 0.25, 0.5, 0.75, 1].
 */
export function axisTicks(max: number, intervals = 4): number[] {
  let step = 1;
  if (Number.isFinite(max) && max > 0) {
    const raw = max / intervals;
    const power = 10 ** Math.floor(Math.log10(raw));
    step = (STEPS.find((s) => s * power >= raw * (1 - 1e-9)) ?? 10) * power;
  }
  // rounded to the step's decimals: 0.1 × 3 is 0.30000000000000004 otherwise
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}
