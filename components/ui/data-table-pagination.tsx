"use client";

import { useId } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { Button } from "./button";
import { Select } from "./select";

export interface DataTablePaginationProps {
  /** Zero-based page index. */
  pageIndex: number;
  pageSize: number;
  /** Total rows across all pages, when known. */
  rowCount?: number;
  /** For cursor-style APIs without a total: whether another page exists. Ignored when rowCount is set. */
  hasNextPage?: boolean;
  /** Rows on the current page (used for the "Showing a–b" text when rowCount is unknown). */
  pageRowCount?: number;
  onPageChange: (pageIndex: number) => void;
  /** Show a page-size picker when provided. */
  onPageSizeChange?: (pageSize: number) => void;
  pageSizeOptions?: ReadonlyArray<number>;
  /** Disable the controls (e.g. while a page is loading). */
  disabled?: boolean;
  className?: string;
}

const numberFormat = new Intl.NumberFormat("en-US");
const fmt = (n: number) => numberFormat.format(n);

/** Page info, page size and previous/next controls. Usable standalone or via DataTable's `pagination` prop. */
export function DataTablePagination({
  pageIndex,
  pageSize,
  rowCount,
  hasNextPage,
  pageRowCount,
  onPageChange,
  onPageSizeChange,
  pageSizeOptions = [10, 25, 50, 100],
  disabled = false,
  className,
}: DataTablePaginationProps) {
  const sizeId = useId();
  const knownTotal = typeof rowCount === "number";
  const pageCount = knownTotal ? Math.max(1, Math.ceil(rowCount / pageSize)) : undefined;
  const first = pageIndex * pageSize + 1;
  const last = knownTotal
    ? Math.min(rowCount, (pageIndex + 1) * pageSize)
    : pageIndex * pageSize + (pageRowCount ?? pageSize);
  const canPrev = pageIndex > 0;
  const canNext = knownTotal ? pageIndex + 1 < (pageCount ?? 1) : Boolean(hasNextPage);

  let summary: string;
  if (knownTotal && rowCount === 0) summary = "No results";
  else if (knownTotal) summary = `${fmt(first)}–${fmt(last)} of ${fmt(rowCount)}`;
  else if (pageRowCount === 0) summary = "No results";
  else summary = `${fmt(first)}–${fmt(last)}`;

  const sizes = pageSizeOptions.includes(pageSize) ? pageSizeOptions : [...pageSizeOptions, pageSize].sort((a, b) => a - b);

  return (
    <nav
      aria-label="Pagination"
      className={cn("flex flex-wrap items-center justify-between gap-3 px-4 py-2.5 text-[13px] text-fg-muted", className)}
    >
      <p aria-live="polite" className="tabular-nums">
        {summary}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {onPageSizeChange ? (
          <div className="flex items-center gap-2">
            <label htmlFor={sizeId} className="whitespace-nowrap">
              Rows per page
            </label>
            <Select
              id={sizeId}
              controlSize="sm"
              className="w-[4.5rem]"
              value={String(pageSize)}
              disabled={disabled}
              onChange={(e) => onPageSizeChange(Number(e.target.value))}
              options={sizes.map((n) => ({ value: String(n), label: String(n) }))}
            />
          </div>
        ) : null}
        {pageCount !== undefined ? (
          <span className="whitespace-nowrap tabular-nums">
            Page {fmt(pageIndex + 1)} of {fmt(pageCount)}
          </span>
        ) : (
          <span className="whitespace-nowrap tabular-nums">Page {fmt(pageIndex + 1)}</span>
        )}
        <div className="flex items-center gap-1">
          <Button
            variant="secondary"
            size="icon-sm"
            aria-label="Previous page"
            disabled={disabled || !canPrev}
            onClick={() => onPageChange(pageIndex - 1)}
          >
            <ChevronLeft aria-hidden="true" />
          </Button>
          <Button
            variant="secondary"
            size="icon-sm"
            aria-label="Next page"
            disabled={disabled || !canNext}
            onClick={() => onPageChange(pageIndex + 1)}
          >
            <ChevronRight aria-hidden="true" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
