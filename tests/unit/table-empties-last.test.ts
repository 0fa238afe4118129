// Every DataTable sorts empty values last in both directions: TanStack puts `undefined` last
// (sortUndefined: "last") but sorts null and "" as values, so the table reads them as undefined.
import { describe, expect, it } from "vitest";
import { withEmptiesLast } from "@/components/ui/data-table-empties";
import type { DataTableColumnDef } from "@/components/ui/data-table";

type Row = { label: string | null; n: number };
const rows: Row[] = [{ label: "b", n: 1 }, { label: null, n: 2 }, { label: "", n: 3 }, { label: "a", n: 4 }];

/** TanStack's comparison for one column: undefined last whatever the direction, else the value order. */
function sortLike(def: DataTableColumnDef<Row>, desc: boolean): (string | null)[] {
  const d = def as unknown as { accessorFn: (r: Row, i: number) => unknown; sortUndefined?: string };
  return [...rows]
    .sort((ra, rb) => {
      const a = d.accessorFn(ra, 0), b = d.accessorFn(rb, 0);
      if (d.sortUndefined === "last" && (a === undefined || b === undefined)) return a === b ? 0 : a === undefined ? 1 : -1;
      const c = String(a ?? "") < String(b ?? "") ? -1 : String(a ?? "") > String(b ?? "") ? 1 : 0;
      return desc ? -c : c;
    })
    .map((r) => r.label);
}

describe("withEmptiesLast", () => {
  it("reads null and \"\" as undefined and sorts them last, ascending and descending", () => {
    for (const def of [{ accessorKey: "label", header: "Label" }, { id: "label", accessorFn: (r: Row) => r.label, header: "Label" }] as DataTableColumnDef<Row>[]) {
      const [col] = withEmptiesLast([def]);
      expect((col as { id?: string }).id).toBe("label");
      expect(sortLike(col!, false).slice(0, 2)).toEqual(["a", "b"]);
      expect(sortLike(col!, true).slice(0, 2)).toEqual(["b", "a"]);
      expect(sortLike(col!, true).slice(2).map((v) => v ?? "")).toEqual(["", ""]);
    }
  });
  it("leaves display columns alone", () => {
    const def = { id: "actions", header: "" } as DataTableColumnDef<Row>;
    expect(withEmptiesLast([def])[0]).toBe(def);
  });
});
