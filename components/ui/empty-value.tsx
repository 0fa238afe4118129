import { EMPTY_VALUE } from "@/lib/format/labels";

/** The one "no value" mark of tables and detail lists (muted em dash; read as "none"). */
export function EmptyValue() {
  return (
    <span className="font-sans text-fg-muted">
      <span aria-hidden="true">{EMPTY_VALUE}</span>
      <span className="sr-only">none</span>
    </span>
  );
}
