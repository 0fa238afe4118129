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
