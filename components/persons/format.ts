// Date formatting shared by the persons and audit screens (client and server).
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(d: Date | string | null | undefined, now = Date.now()): string {
  if (!d) return "Never";
  const t = new Date(d).getTime();
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return abs < 10 ? "just now" : rtf.format(s, "second");
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 30 * 86_400) return rtf.format(Math.round(s / 86_400), "day");
  return new Date(d).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
}

export function dateTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return new Date(d).toLocaleString("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", timeZoneName: "short" });
}
