// Empty values last in every DataTable sort (see withEmptiesLast).
import type { RowData } from "@tanstack/react-table";
import type { DataTableColumnDef } from "./data-table";

/** An empty value (null, undefined, "") reads as undefined, which every sort puts last. */
const emptyAsUndefined = (v: unknown) => (v === null || v === "" ? undefined : v);

/**
 * Empty values last in every client sort, both directions (TanStack only does that for
 * `undefined`, and sorts `null` as a value): each accessor column reads empties as undefined and
 * sorts undefined last. Cells see undefined where the row has null or "".
 */
export function withEmptiesLast<TData extends RowData>(columns: readonly DataTableColumnDef<TData>[]): DataTableColumnDef<TData>[] {
  return columns.map((def) => {
    const d = def as DataTableColumnDef<TData> & { accessorKey?: string; accessorFn?: (row: TData, index: number) => unknown; sortUndefined?: unknown };
    if (d.accessorFn) {
      const read = d.accessorFn;
      return { ...d, sortUndefined: d.sortUndefined ?? "last", accessorFn: (row: TData, i: number) => emptyAsUndefined(read(row, i)) } as DataTableColumnDef<TData>;
    }
    if (typeof d.accessorKey === "string" && !d.accessorKey.includes(".")) {
      const key = d.accessorKey;
      const { accessorKey: _drop, ...rest } = d;
      void _drop;
      return { ...rest, id: d.id ?? key, sortUndefined: d.sortUndefined ?? "last", accessorFn: (row: TData) => emptyAsUndefined((row as Record<string, unknown>)[key]) } as DataTableColumnDef<TData>;
    }
    return def;
  });
}
