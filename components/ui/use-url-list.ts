"use client";
// A list whose state lives in the address: filters, page size, cursor and page number are query
// parameters; every change is a `router.push` (a history entry), so reload, Back/Forward and
// bookmarks show the same list. The server page reads the same parameters and renders that page.
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { DataTablePaginationProps } from "./data-table-pagination";

/** The parameters that address a page of a list (cleared whenever a filter changes). */
const PAGING = ["cursor", "page"] as const;
const PREV_KEY = "omni:list-prev-cursors";

/** cursor → the cursor of the page before it ("" for the first page), kept for the tab's life. */
function readPrev(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(PREV_KEY) ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}
function rememberPrev(next: string, current: string | null) {
  try {
    const all = readPrev();
    all[next] = current ?? "";
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - 500))) delete all[k];
    sessionStorage.setItem(PREV_KEY, JSON.stringify(all));
  } catch {
    /* storage blocked: "previous" falls back to the first page */
  }
}

/**
 * `params` the current query parameters; `navigate(patch)` pushes the address with `patch` applied
 * (a null or "" value removes the parameter) and, unless `keepPage`, back to page 1; `pending`
 * while the server renders the new address.
 */
export function useUrlList() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const navigate = useCallback(
    (patch: Record<string, string | number | null | undefined>, opts: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      if (!opts.keepPage) for (const k of PAGING) next.delete(k);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      const href = `${pathname}${next.size ? `?${next}` : ""}`;
      if (href === `${pathname}${params.size ? `?${params}` : ""}`) return;
      start(() => router.push(href, { scroll: false }));
    },
    [params, pathname, router],
  );
  return { params, navigate, pending };
}

/**
 * DataTable `pagination` props for a cursor-paged list held in the address (`cursor`, `page`,
 * `size`). "Previous" goes to the cursor remembered when that page was left (this tab), else to
 * page 1. `nextCursor` from the page being shown.
 */
export function useUrlCursorPagination(nextCursor: string | null, pageRowCount: number) {
  const { params, navigate, pending } = useUrlList();
  const cursor = params.get("cursor");
  const pageIndex = cursor ? Math.max(1, (Number(params.get("page")) || 2) - 1) : 0;
  const pageSize = Number(params.get("size")) || 25;
  const pagination: Omit<DataTablePaginationProps, "className"> = {
    pageIndex,
    pageSize,
    pageRowCount,
    hasNextPage: !!nextCursor,
    disabled: pending,
    onPageChange: (next) => {
      if (next > pageIndex && nextCursor) {
        rememberPrev(nextCursor, cursor);
        navigate({ cursor: nextCursor, page: pageIndex + 2 }, { keepPage: true });
      } else if (next < pageIndex) {
        const prev = cursor ? readPrev()[cursor] : undefined;
        if (prev && pageIndex > 1) navigate({ cursor: prev, page: pageIndex }, { keepPage: true });
        else navigate({});
      }
    },
    onPageSizeChange: (n) => navigate({ size: n === 25 ? null : n }),
  };
  return { pagination, pending, navigate, params };
}

/**
 * The text of a search box whose value lives in the address. `text` starts at `applied` (the
 * address's value, trimmed) and follows it when Back/Forward or a link changes it — but not when
 * the change is the search typed here, so keys typed while it loads are kept. `delayMs` (default
 * 250) after the last keystroke, `apply(trimmed)` is called if that differs from `applied`;
 * `flush()` does it at once (Enter).
 */
export function useUrlSearchText(applied: string, apply: (text: string) => void, delayMs = 250) {
  const [text, setText] = useState(applied);
  const [sent, setSent] = useState(applied);
  const [shown, setShown] = useState(applied);
  if (shown !== applied) {
    setShown(applied);
    if (applied !== sent) setText(applied);
  }
  const latest = useRef({ applied, apply });
  useEffect(() => {
    latest.current = { applied, apply };
  });
  const flush = useCallback((value: string) => {
    const v = value.trim();
    setSent(v);
    if (v !== latest.current.applied) latest.current.apply(v);
  }, []);
  useEffect(() => {
    const t = setTimeout(() => flush(text), delayMs);
    return () => clearTimeout(t);
  }, [text, delayMs, flush]);
  return { text, setText, flush: () => flush(text) };
}
