"use client";
// The audit log table: filters (action, actor, target/person, date range) over /api/v1/audit,
// cursor pagination, and CSV / NDJSON export of the filtered set (streamed by the API). Every
// filter and the page live in the address (components/ui/use-url-list.ts).
import { Truncate } from "@/components/ui/truncate";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Download, FilterX, ScrollText } from "lucide-react";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Label } from "@/components/ui/label";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ActionBadge } from "@/components/audit/action-badge";
import { useUrlCursorPagination, useUrlSearchText } from "@/components/ui/use-url-list";
import { auditQueryOf, type AuditBrowserFilters } from "@/lib/audit/rules/audit-query";
import type { ListFailure } from "@/lib/utils/list-failure";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { AUDIT_ACTIONS } from "@/lib/audit/rules/actions";
import { EmptyValue } from "@/components/ui/empty-value";

export type AuditRow = {
  id: string; seq: number; at: string; action: string; targetType: string; targetId: string | null; reason: string | null;
  actor: { type: string; id: string | null; label: string | null }; revertible: boolean; sealed: boolean;
};

const col = createDataTableColumnHelper<AuditRow>();
const columns = [
  col.accessor("at", {
    header: "When", enableSorting: false,
    cell: (c) => (
      <span className="whitespace-nowrap">
        <time dateTime={c.getValue()} title={dateTime(c.getValue())} className="text-fg-muted" suppressHydrationWarning>{relativeTime(c.getValue())}</time>
        {c.row.original.sealed ? null : <span className="ml-1.5 text-xs text-warning" title="Not yet sealed into the hash chain (the sealer links events within about a second)">· unsealed</span>}
      </span>
    ),
  }),
  col.accessor((r) => r.actor.label ?? "system", {
    id: "actor", header: "Actor", enableSorting: false,
    cell: (c) => {
      const kind = c.row.original.actor.type === "apiKey" ? "API key" : c.row.original.actor.type;
      return <Truncate text={`${c.getValue()} (${kind})`} className="max-w-[14rem]">{c.getValue()} <span className="text-xs text-fg-muted">({kind})</span></Truncate>;
    },
  }),
  col.accessor("action", { header: "Action", enableSorting: false, cell: (c) => <ActionBadge action={c.getValue()} /> }),
  col.accessor("targetId", {
    header: "Target", enableSorting: false,
    cell: (c) => <span className="text-fg-muted">{c.row.original.targetType} <code className="font-mono text-xs">{c.getValue()?.slice(0, 8) ?? <EmptyValue />}</code></span>,
  }),
  col.accessor("reason", { header: "Reason", enableSorting: false, cell: (c) => (c.getValue() ? <Truncate text={c.getValue()!} className="max-w-[18rem]" /> : <EmptyValue />) }),
  col.display({
    id: "open", header: () => <span className="sr-only">Open</span>, meta: { align: "right" },
    cell: (c) => <Link href={`/audit/${c.row.original.id}`} className="text-[13px] font-medium text-accent hover:underline" aria-label={`View event ${c.row.original.seq}`}>View</Link>,
  }),
];

export function AuditBrowser({ page, failure, actors, filters }: {
  page: { items: AuditRow[]; nextCursor: string | null }; failure: ListFailure | null;
  actors: { id: string; label: string; type: string }[]; filters: AuditBrowserFilters;
}) {
  const router = useRouter();
  const { pagination, pending: loading, navigate } = useUrlCursorPagination(page.nextCursor, page.items.length);
  // Filter 300 ms after the last keystroke; Back/Forward refill the box.
  const { text: subjectText, setText: setSubjectText } = useUrlSearchText(filters.subject, (targetId) => navigate({ targetId, personId: null }), 300);

  const set = (patch: Partial<Omit<AuditBrowserFilters, "subject">>) => navigate(patch);
  const qs = new URLSearchParams(auditQueryOf(filters)).toString();
  const filtered = qs !== "";
  const exportHref = (format: "csv" | "ndjson") => { const p = new URLSearchParams(qs); p.set("format", format); return `/api/v1/audit?${p}`; };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-[var(--shadow-sm)]">
        <div className="space-y-1">
          <Label htmlFor="f-action">Action</Label>
          <Select id="f-action" className="w-44" value={filters.action} onChange={(e) => set({ action: e.target.value })}
            options={[{ value: "", label: "All actions" }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-actor">Actor</Label>
          <Select id="f-actor" className="w-52" value={filters.actorId} onChange={(e) => set({ actorId: e.target.value })}
            options={[{ value: "", label: "Anyone" }, ...actors.map((a) => ({ value: a.id, label: `${a.label}${a.type === "apiKey" ? " (API key)" : a.type === "system" ? " (system)" : ""}` }))]} />
        </div>
        <div className="min-w-56 flex-1 space-y-1">
          <Label htmlFor="f-subject">Target or person id</Label>
          <Input id="f-subject" value={subjectText} onChange={(e) => setSubjectText(e.target.value)} placeholder="Paste a person, identity or route id" spellCheck={false} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-from">From</Label>
          <Input id="f-from" type="date" className="w-40" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-to">To</Label>
          <Input id="f-to" type="date" className="w-40" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </div>
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => { setSubjectText(""); navigate({ action: null, actorId: null, targetId: null, personId: null, from: null, to: null }); }}>
            <FilterX aria-hidden="true" /> Clear
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-[13px] text-fg-muted">{filtered ? "Showing events that match the filters, newest first." : "Showing every event, newest first."}</p>
        <div className="flex gap-2">
          <a href={exportHref("csv")} download className={buttonClasses({ variant: "secondary", size: "sm" })}><Download aria-hidden="true" /> Export CSV</a>
          <a href={exportHref("ndjson")} download className={buttonClasses({ variant: "secondary", size: "sm" })}><Download aria-hidden="true" /> Export NDJSON</a>
        </div>
      </div>
      {failure ? <Alert tone="error" title={failure.title}>{failure.detail}</Alert> : <DataTable
        label="Audit events"
        columns={columns}
        data={page.items}
        getRowId={(r) => r.id}
        loading={loading}
        onRowClick={(r) => router.push(`/audit/${r.id}`)}
        empty={<EmptyState bare icon={<ScrollText />} title={filtered ? "No events match these filters" : "No events yet"} description={filtered ? "Widen the date range or clear a filter." : "Changes appear here as they happen."} />}
        pagination={pagination}
      />}
    </div>
  );
}
