// How long ago (or until) a moment is, in words: the one relative-time formatter of the dashboard
// (server and client components alike).
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const calendarDate = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** Below each bound (seconds, absolute), the unit to count in and its length in seconds. */
const UNITS: [bound: number, unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  [60, "second", 1],
  [3_600, "minute", 60],
  [86_400, "hour", 3_600],
  [30 * 86_400, "day", 86_400],
];

/**
 * "just now" (under 10 s either way), "42 seconds ago", "5 minutes ago", "in 3 hours",
 * "yesterday", "12 days ago"; 30 days or more away, the calendar date in UTC ("Nov 23, 2025").
 * `d` is a Date or an ISO string; null or undefined gives "Never". `now` is in epoch ms.
 */
export function relativeTime(d: Date | string | null | undefined, now: number = Date.now()): string {
  if (!d) return "Never";
  const at = new Date(d);
  const s = Math.round((at.getTime() - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 10) return "just now";
  for (const [bound, unit, seconds] of UNITS) {
    if (abs < bound) return relative.format(Math.round(s / seconds), unit);
  }
  return calendarDate.format(at);
}
