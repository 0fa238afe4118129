"use client";
// Search as you type (debounced), channel filter and cursor pages, all held in the address
// (components/ui/use-url-list.ts): the server page renders what the address names.
import { Truncate } from "@/components/ui/truncate";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { RotateCw, Search, Users } from "lucide-react";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import { Select } from "@/components/ui/select";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { ChannelBadges, channelLabel } from "@/components/persons/channel-badge";
import { Button } from "@/components/ui/button";
import { useUrlCursorPagination, useUrlSearchText } from "@/components/ui/use-url-list";
import type { ListFailure } from "@/lib/utils/list-failure";
import { relativeTime } from "@/lib/format/relative-time";
import { CHANNELS } from "@/lib/catalog/schemas";
import { EmptyValue } from "@/components/ui/empty-value";

export type PersonRow = {
  id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null;
  identityCount: number; channels: string[]; lastSeenAt: string | null;
};

const col = createDataTableColumnHelper<PersonRow>();
const columns = [
  col.accessor("displayName", {
    header: "Name",
    enableSorting: false,
    cell: (c) => {
      const r = c.row.original;
      return (
        <Link href={`/persons/${r.id}`} className="group flex min-w-0 items-center gap-2.5 rounded-sm">
          <Avatar src={r.avatarUrl} name={r.displayName} seed={r.id} size="sm" />
          {r.displayName ? <Truncate text={r.displayName} className="font-medium text-fg group-hover:underline" /> : <span className="text-fg-muted italic">Unnamed</span>}
        </Link>
      );
    },
  }),
  col.accessor("primaryPhone", { header: "Phone", enableSorting: false, cell: (c) => (c.getValue() ? <span className="font-mono text-[13px] tabular-nums">{c.getValue()}</span> : <EmptyValue />) }),
  col.accessor("primaryEmail", { header: "Email", enableSorting: false, cell: (c) => (c.getValue() ? <Truncate text={c.getValue()!} className="max-w-[16rem]" /> : <EmptyValue />) }),
  col.accessor("channels", { header: "Channels", enableSorting: false, cell: (c) => <ChannelBadges channels={c.getValue()} /> }),
  col.accessor("identityCount", { header: "Identities", enableSorting: false, meta: { align: "right" }, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
  col.accessor("lastSeenAt", {
    header: "Last seen",
    enableSorting: false,
    cell: (c) => <span className="whitespace-nowrap text-fg-muted" title={c.getValue() ?? undefined} suppressHydrationWarning>{relativeTime(c.getValue())}</span>,
  }),
];

export function PersonsBrowser({ query, channel, page, failure }: {
  query: string; channel: string; page: { items: PersonRow[]; nextCursor: string | null }; failure: ListFailure | null;
}) {
  const router = useRouter();
  const { pagination, pending: loading, navigate } = useUrlCursorPagination(page.nextCursor, page.items.length);
  // Search 250 ms after the last keystroke (a new history entry per search); Back/Forward refill the box.
  const { text, setText, flush } = useUrlSearchText(query, (q) => navigate({ q }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <SearchInput
          className="min-w-64 flex-1 sm:max-w-md"
          aria-label="Search persons"
          placeholder="Search name, phone, email, username or platform id…"
          value={text}
          onValueChange={setText}
          onKeyDown={(e) => { if (e.key === "Enter") flush(); }}
          autoFocus
        />
        <Select aria-label="Channel" className="w-40" value={channel} onChange={(e) => navigate({ channel: e.target.value })}
          options={[{ value: "", label: "All channels" }, ...CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))]} />
        {loading ? <span className="text-[13px] text-fg-muted" role="status">Searching…</span> : null}
      </div>
      {failure ? (
        <Alert tone="error" title={failure.title}
          action={failure.retryable ? <Button variant="secondary" size="sm" onClick={() => router.refresh()}><RotateCw aria-hidden="true" /> Try again</Button> : null}>
          {failure.detail}
        </Alert>
      ) : null}
      {failure ? null : <DataTable
        label="Persons"
        columns={columns}
        data={page.items}
        getRowId={(r) => r.id}
        loading={loading}
        onRowClick={(r) => router.push(`/persons/${r.id}`)}
        empty={
          query ? (
            <EmptyState bare icon={<Search />} title={`No one matches “${query}”`} description="Try part of a name, the last digits of a phone number, an email or a username." />
          ) : (
            <EmptyState bare icon={<Users />} title="No persons yet" description="Persons appear as the hub sees new contacts, or create them through the API." />
          )
        }
        pagination={pagination}
      />}
    </div>
  );
}
