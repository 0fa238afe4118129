"use client";

import { useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import {
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  functionalUpdate,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown, SearchX } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { DataTablePagination, type DataTablePaginationProps } from "./data-table-pagination";
import { EmptyState } from "./empty-state";
import { withEmptiesLast } from "./data-table-empties";
import { Skeleton } from "./skeleton";
import { ScrollRegion } from "./scroll-region";

export type { SortingState } from "@tanstack/react-table";
export { DataTablePagination, type DataTablePaginationProps } from "./data-table-pagination";

/** Per-column presentation options, set via `meta` on a column def. */
export interface DataTableColumnMeta {
  /** Classes for both the header and body cells (e.g. "w-40"). */
  className?: string;
  headerClassName?: string;
  cellClassName?: string;
  align?: "left" | "center" | "right";
  /** Pin to the right edge while the table scrolls sideways (row actions stay reachable). Default: id "actions" or "open". */
  sticky?: boolean;
}

const stickyBase = "sticky right-0 z-[1] shadow-[inset_1px_0_0_var(--border)] xl:shadow-none";
const isSticky = (c: { id: string; columnDef: { meta?: DataTableColumnMeta } }) => c.columnDef.meta?.sticky ?? (c.id === "actions" || c.id === "open");

/** Features every DataTable registers (sorting, pagination, typed column meta). */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime, basic: sortFn_basic },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column definition type for DataTable (TanStack Table v9 ColumnDef bound to DataTable's features). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumnDef<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/**
 * Typed column helper: `const col = createDataTableColumnHelper<Row>();`
 * `col.accessor("name", { header: "Name", cell: (c) => c.getValue() })`, `col.display({ id: "actions", cell })`.
 * Define columns in a client component, at module scope or in useMemo.
 */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export interface DataTableProps<TData extends RowData> {
  /** Keep stable (module scope or useMemo). */
  columns: ReadonlyArray<DataTableColumnDef<TData>>;
  /** Keep stable; with `pagination`, this is the current page only. */
  data: ReadonlyArray<TData>;
  getRowId?: (row: TData, index: number) => string;
  /** Accessible name for the table. */
  label: string;
  /** Shows skeleton rows when there is no data yet, or dims existing rows while refreshing. */
  loading?: boolean;
  /** Number of skeleton rows. Default: page size, or 5. */
  skeletonRows?: number;
  /** Rendered when there are no rows (default: a "No results" empty state). */
  empty?: ReactNode;

  /** Columns are sortable unless their def sets enableSorting: false. Default true. */
  enableSorting?: boolean;
  /** Controlled sorting. Omit for built-in client sorting. */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  /** Server-side sorting: rows arrive already sorted; header clicks only report `onSortingChange`. */
  manualSorting?: boolean;
  initialSorting?: SortingState;

  /** Server-side (manual) pagination controls; `data` must be the current page. */
  pagination?: Omit<DataTablePaginationProps, "pageRowCount" | "className">;
  /** Client-side pagination over the full `data` array, with this page size. */
  clientPageSize?: number;

  /** Row activation (click, or Enter when the row is focused). Prefer a link in a cell for navigation. */
  onRowClick?: (row: TData) => void;
  rowClassName?: (row: TData) => string | undefined;
  className?: string;
}

const alignClass = { left: "text-left", center: "text-center", right: "text-right" } as const;
const justifyClass = { left: "justify-start", center: "justify-center", right: "justify-end" } as const;

export function DataTable<TData extends RowData>({
  columns,
  data,
  getRowId,
  label,
  loading = false,
  skeletonRows,
  empty,
  enableSorting = true,
  sorting: sortingProp,
  onSortingChange,
  manualSorting = false,
  initialSorting,
  pagination,
  clientPageSize,
  onRowClick,
  rowClassName,
  className,
}: DataTableProps<TData>) {
  const [sortingState, setSortingState] = useState<SortingState>(initialSorting ?? []);
  const sorting = sortingProp ?? sortingState;
  const [clientPage, setClientPage] = useState<PaginationState>({ pageIndex: 0, pageSize: clientPageSize ?? 25 });
  const clientPaginated = !pagination && clientPageSize !== undefined;

  const sortableColumns = useMemo(() => withEmptiesLast(columns), [columns]);
  const table = useTable({
    features: dataTableFeatures,
    columns: sortableColumns,
    data,
    getRowId,
    enableSorting,
    manualSorting,
    enableSortingRemoval: true,
    state: { sorting, ...(clientPaginated ? { pagination: clientPage } : {}) },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting);
      if (sortingProp === undefined) setSortingState(next);
      onSortingChange?.(next);
    },
    // Without client pagination, "manual" means: never slice `data`.
    manualPagination: !clientPaginated,
    onPaginationChange: (updater: Updater<PaginationState>) => setClientPage((old) => functionalUpdate(updater, old)),
  });

  const rows = table.getRowModel().rows;
  const leafColumns = table.getAllLeafColumns();
  const colCount = Math.max(1, leafColumns.length);
  const showSkeleton = loading && rows.length === 0;
  const skeletonCount = skeletonRows ?? pagination?.pageSize ?? (clientPaginated ? clientPage.pageSize : 5);

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, row: TData) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onRowClick?.(row);
    }
  }

  return (
    <div className={cn("overflow-hidden rounded-lg border border-border bg-surface shadow-[var(--shadow-sm)]", className)}>
      <ScrollRegion label={label}>
        <table aria-label={label} aria-busy={loading || undefined} className="w-full border-collapse text-sm">
          <thead className="bg-muted/50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-border">
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const align = meta?.align ?? "left";
                  const canSort = !header.isPlaceholder && header.column.getCanSort();
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(
                        "h-9 px-4 text-xs font-medium whitespace-nowrap text-fg-muted",
                        alignClass[align],
                        isSticky(header.column) && cn(stickyBase, "bg-[color-mix(in_srgb,var(--muted)_50%,var(--surface))]"),
                        meta?.className,
                        meta?.headerClassName,
                      )}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={cn(
                            "-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 transition-colors hover:bg-muted hover:text-fg",
                            sorted && "text-fg",
                            justifyClass[align],
                          )}
                        >
                          <table.FlexRender header={header} />
                          {sorted === "asc" ? (
                            <ArrowUp aria-hidden="true" className="size-3.5" />
                          ) : sorted === "desc" ? (
                            <ArrowDown aria-hidden="true" className="size-3.5" />
                          ) : (
                            <ChevronsUpDown aria-hidden="true" className="size-3.5 opacity-50" />
                          )}
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={cn("transition-opacity", loading && !showSkeleton && "opacity-60")}>
            {showSkeleton
              ? Array.from({ length: skeletonCount }, (_, i) => (
                  <tr key={`skeleton-${i}`} className="border-b border-border last:border-b-0">
                    {leafColumns.map((column, j) => (
                      <td key={column.id} className="px-4 py-3">
                        <Skeleton className={cn("h-4", j === 0 ? "w-3/4" : j % 2 ? "w-1/2" : "w-2/3")} />
                      </td>
                    ))}
                  </tr>
                ))
              : null}
            {!showSkeleton && rows.length === 0 ? (
              <tr>
                <td colSpan={colCount} className="p-0">
                  {empty ?? (
                    <EmptyState bare icon={<SearchX />} title="No results" description="Nothing matches this view yet." />
                  )}
                </td>
              </tr>
            ) : null}
            {!showSkeleton
              ? rows.map((row) => (
                  <tr
                    key={row.id}
                    className={cn(
                      "border-b border-border transition-colors last:border-b-0 hover:bg-muted/40",
                      onRowClick && "cursor-pointer focus-visible:bg-muted/60 focus-visible:outline-offset-[-2px]",
                      rowClassName?.(row.original),
                    )}
                    {...(onRowClick
                      ? {
                          tabIndex: 0,
                          onClick: () => onRowClick(row.original),
                          onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onRowKeyDown(e, row.original),
                        }
                      : {})}
                  >
                    {row.getAllCells().map((cell) => {
                      const meta = cell.column.columnDef.meta;
                      return (
                        <td
                          key={cell.id}
                          className={cn(
                            "px-4 py-2.5 align-middle text-fg",
                            alignClass[meta?.align ?? "left"],
                            isSticky(cell.column) && cn(stickyBase, "bg-surface"),
                            meta?.className,
                            meta?.cellClassName,
                          )}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      );
                    })}
                  </tr>
                ))
              : null}
          </tbody>
        </table>
      </ScrollRegion>
      {pagination ? (
        <DataTablePagination {...pagination} pageRowCount={data.length} className="border-t border-border" />
      ) : clientPaginated && data.length > (clientPageSize ?? 0) ? (
        <DataTablePagination
          className="border-t border-border"
          pageIndex={clientPage.pageIndex}
          pageSize={clientPage.pageSize}
          rowCount={data.length}
          onPageChange={(pageIndex) => table.setPageIndex(pageIndex)}
          onPageSizeChange={(pageSize) => table.setPagination({ pageIndex: 0, pageSize })}
        />
      ) : null}
    </div>
  );
}
