import type { KeyView } from "@/lib/keys/key-records";

export type KeyRow = KeyView;
export type InstanceOption = { id: string; name: string; channel: string };
export type IssuedKey = { id: string; name: string; prefix: string; key: string };

export const fmtDateTime = (d: Date | string | null) =>
  d ? new Date(d).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }) : "";

/** "Nov 23" this year, "Nov 23, 2025" otherwise. */
export const fmtDate = (d: Date | string) => {
  const date = new Date(d);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
};

export function fmtAgo(d: Date | string, now = Date.now()): string {
  const s = Math.round((now - new Date(d).getTime()) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.round(h / 24);
  return days < 30 ? `${days} d ago` : fmtDate(d);
}
