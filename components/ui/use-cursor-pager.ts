"use client";
// Cursor pagination over an /api/v1 list endpoint ({ items, nextCursor }) for a DataTable: the
// server renders page 1, this fetches the others and remembers the cursor of every page seen so
// "previous" needs no extra request. A new query or page size starts again at page 1.
import { useEffect, useRef, useState } from "react";
import type { DataTablePaginationProps } from "./data-table-pagination";

export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * `endpoint` e.g. "/api/v1/audit"; `query` the filters as a query string without `limit` and
 * `cursor` (page 1 of it is `initial`, rendered by the server); `failure` the message when the
 * response carries none, e.g. "Search failed". Returns the current page, the loading and error
 * state, and the `pagination` props of a DataTable.
 */
export function useCursorPager<T>(opts: { endpoint: string; query: string; initial: CursorPage<T>; failure: string; initialPageSize?: number }) {
  const { endpoint, query, failure } = opts;
  const [pageSize, setPageSize] = useState(opts.initialPageSize ?? 25);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageIndex, setPageIndex] = useState(0);
  const [page, setPage] = useState<CursorPage<T>>(opts.initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);

  // A new query starts again at page 1 (adjusted while rendering, before the fetch below runs).
  const [pagedQuery, setPagedQuery] = useState(query);
  if (pagedQuery !== query) {
    setPagedQuery(query);
    setCursors([null]);
    setPageIndex(0);
  }

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return; // the server rendered page 1 already
    }
    const ctl = new AbortController();
    const params = new URLSearchParams(query);
    params.set("limit", String(pageSize));
    const cursor = cursors[pageIndex];
    if (cursor) params.set("cursor", cursor);
    setLoading(true);
    fetch(`${endpoint}?${params}`, { signal: ctl.signal, headers: { Accept: "application/json" } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (!res.ok || !body) throw new Error(body?.error?.message ?? `${failure} (${res.status}).`);
        setPage(body as CursorPage<T>);
        setError(null);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (e.name === "AbortError") return;
        setError(e.message || `${failure}.`);
        setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- cursors change only with pageIndex
  }, [endpoint, query, pageSize, pageIndex]);

  const pagination: Omit<DataTablePaginationProps, "pageRowCount" | "className"> = {
    pageIndex,
    pageSize,
    hasNextPage: !!page.nextCursor,
    onPageChange: (next) => {
      if (next > pageIndex) setCursors((c) => { const copy = c.slice(0, next); copy[next] = page.nextCursor; return copy; });
      setPageIndex(next);
    },
    onPageSizeChange: (n) => {
      setPageSize(n);
      setCursors([null]);
      setPageIndex(0);
    },
    disabled: loading,
  };
  return { page, loading, error, pagination };
}
