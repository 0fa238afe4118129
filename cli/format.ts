// Plain-text tables and detail lists for people (the --json output never goes through here).

export type Column<R> = { header: string; value: (row: R) => unknown; max?: number };

export function cell(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.length ? v.map(cell).join(", ") : "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "object") return JSON.stringify(v);
  const s = String(v);
  // ISO timestamps → "2026-11-23 16:30" (UTC)
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/.exec(s);
  return m ? `${m[1]} ${m[2]}` : s;
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, Math.max(1, max - 1)) + "…" : s;
}

export function table<R>(rows: R[], columns: Column<R>[], empty = "Nothing found."): string {
  if (rows.length === 0) return empty;
  const cells = rows.map((r) => columns.map((c) => clip(cell(c.value(r)).replace(/\s+/g, " "), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}

/** "label: value" lines, labels aligned. */
export function details(pairs: [string, unknown][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${(k + ":").padEnd(width + 1)}  ${cell(v)}`).join("\n");
}

export function pageFooter(nextCursor: string | null | undefined, shown: number): string {
  return nextCursor ? `\n${shown} shown; more with --cursor ${nextCursor} (or --all).` : "";
}
