// A moment written out in full, in UTC, the same on the server and in every browser.
const full = new Intl.DateTimeFormat("en", {
  year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", timeZoneName: "short",
});

/** "Nov 23, 2025, 02:05:09 PM UTC" for a Date or an ISO string; "—" for null or undefined. */
export function dateTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return full.format(new Date(d));
}
