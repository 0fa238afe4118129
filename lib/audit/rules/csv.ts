// RFC 4180 CSV (pure): fields with a comma, quote, CR or LF are quoted and quotes doubled;
// records end with CRLF. Cells that a spreadsheet would run as a formula (=, +, -, @ first) get
// a leading apostrophe, so an exported audit log cannot inject formulas.
export type CsvValue = string | number | boolean | null | undefined | Date;

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
