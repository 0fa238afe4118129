import type { KeyView } from "@/lib/keys/key-records";

/** A key as the page lists it, with its version (ETag) for the edit form to send back. */
export type KeyRow = KeyView & { version?: string };
export type InstanceOption = { id: string; name: string; channel: string };
export type IssuedKey = { id: string; name: string; prefix: string; key: string };

// Fixed locale and UTC: the server's HTML and the browser's render say the same (no hydration mismatch).
const dateTimeFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const dayYearFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export const fmtDateTime = (d: Date | string | null) => (d ? dateTimeFormat.format(new Date(d)) : "");

/** "Nov 23" this year, "Nov 23, 2025" otherwise. */
export const fmtDate = (d: Date | string) => {
  const date = new Date(d);
  const sameYear = date.getUTCFullYear() === new Date().getUTCFullYear();
  return (sameYear ? dayFormat : dayYearFormat).format(date);
};
