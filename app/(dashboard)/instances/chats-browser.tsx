"use client";
// The Chats card's list: a search box (title or external id, searched by the server as you type,
// `%` and `_` literal) and keyset "Load more" over GET /api/v1/chats (the session's own
// credentials). The server page renders the first page; a refresh (e.g. after "New chat") resets
// the list to it unless a search is shown.
import { useEffect, useRef, useState } from "react";
import { SearchInput } from "@/components/ui/search-input";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ChatsTable, type ChatRow } from "./catalog-tables";

type Page = { items: ChatRow[]; nextCursor: string | null };

async function fetchChats(limit: number, q: string, cursor: string | null, signal?: AbortSignal): Promise<Page> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const res = await fetch(`/api/v1/chats?${params}`, { signal, cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (Page & { error?: { message?: string } }) | null;
  if (!res.ok || !body || !Array.isArray(body.items)) {
    throw new Error(res.status === 401 ? "Your session ended. Sign in again to search chats." : body?.error?.message ?? "The chats could not be loaded. Try again.");
  }
  return { items: body.items, nextCursor: body.nextCursor };
}

/** `initial` the first page the server rendered, `pageSize` rows per request (that page's size, and each "Load more"). */
export function ChatsBrowser({ initial, pageSize }: { initial: Page; pageSize: number }) {
  const [text, setText] = useState("");
  const [query, setQuery] = useState(""); // the search the rows shown answer
  const [rows, setRows] = useState<ChatRow[]>(initial.items);
  const [next, setNext] = useState<string | null>(initial.nextCursor);
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef<AbortController | null>(null);

  // A server refresh brought a new first page: show it when no search is active.
  const [base, setBase] = useState(initial);
  if (base !== initial) {
    setBase(initial);
    if (!query) { setRows(initial.items); setNext(initial.nextCursor); }
  }

  // Search 250 ms after the last keystroke; a newer search cancels the one in flight.
  useEffect(() => {
    const q = text.trim();
    if (q === query) return;
    const t = setTimeout(() => {
      request.current?.abort();
      const ctl = new AbortController();
      request.current = ctl;
      setSearching(true);
      fetchChats(pageSize, q, null, ctl.signal)
        .then((page) => { if (ctl.signal.aborted) return; setRows(page.items); setNext(page.nextCursor); setQuery(q); setError(null); })
        .catch((e: unknown) => { if (!ctl.signal.aborted) setError((e as Error).message); })
        .finally(() => { if (request.current === ctl) setSearching(false); });
    }, 250);
    return () => clearTimeout(t);
  }, [text, query, pageSize]);

  // "Load more" continues the list shown; a search typed meanwhile replaces it (and wins).
  const pendingSearch = searching || text.trim() !== query;
  const loadMore = async () => {
    if (!next || pendingSearch) return;
    const ctl = new AbortController();
    request.current = ctl;
    setLoadingMore(true);
    try {
      const page = await fetchChats(pageSize, query, next, ctl.signal);
      if (ctl.signal.aborted) return;
      setRows((shown) => {
        const have = new Set(shown.map((r) => r.id));
        return [...shown, ...page.items.filter((r) => !have.has(r.id))];
      });
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      if (!ctl.signal.aborted) setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="min-w-0 space-y-3">
      <SearchInput aria-label="Search chats" placeholder="Search title or external id…" value={text} onValueChange={setText} maxLength={200} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ChatsTable rows={rows} loading={searching} query={query} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-[13px] text-fg-muted">
        <span role="status">{searching ? "Searching…" : `${rows.length}${next ? "+" : ""} chat${rows.length === 1 ? "" : "s"} shown`}</span>
        {next ? <Button variant="secondary" size="sm" loading={loadingMore} disabled={pendingSearch} onClick={() => void loadMore()}>Load more</Button> : null}
      </div>
    </div>
  );
}
