"use client";
// The audit log table: filters (action, actor, target/person, date range) over /api/v1/audit,
// cursor pagination, and CSV / NDJSON export of the filtered set (streamed by the API).
import { useEffect, useMemo, useState } from "react";
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
import { useCursorPager, type CursorPage } from "@/components/ui/use-cursor-pager";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { AUDIT_ACTIONS } from "@/lib/audit/rules/actions";
import { EmptyValue } from "@/components/ui/empty-value";

export type AuditRow = {
  id: string; seq: number; at: string; action: string; targetType: string; targetId: string | null; reason: string | null;
  actor: { type: string; id: string | null; label: string | null }; revertible: boolean; sealed: boolean;
};
type Filters = { action: string; actorId: string; subject: string; from: string; to: string };

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
    cell: (c) => <span className="block max-w-[14rem] truncate">{c.getValue()} <span className="text-xs text-fg-muted">({c.row.original.actor.type === "apiKey" ? "API key" : c.row.original.actor.type})</span></span>,
  }),
  col.accessor("action", { header: "Action", enableSorting: false, cell: (c) => <ActionBadge action={c.getValue()} /> }),
  col.accessor("targetId", {
    header: "Target", enableSorting: false,
    cell: (c) => <span className="text-fg-muted">{c.row.original.targetType} <code className="font-mono text-xs">{c.getValue()?.slice(0, 8) ?? <EmptyValue />}</code></span>,
  }),
  col.accessor("reason", { header: "Reason", enableSorting: false, cell: (c) => <span className="block max-w-[18rem] truncate" title={c.getValue() ?? undefined}>{c.getValue() ?? <EmptyValue />}</span> }),
  col.display({
    id: "open", header: () => <span className="sr-only">Open</span>, meta: { align: "right" },
    cell: (c) => <Link href={`/audit/${c.row.original.id}`} className="text-[13px] font-medium text-accent hover:underline" aria-label={`View event ${c.row.original.seq}`}>View</Link>,
  }),
];

/** Date inputs (yyyy-mm-dd, UTC) → the API's ISO bounds, whole days inclusive. */
function queryOf(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.action) q.set("action", f.action);
  if (f.actorId) q.set("actorId", f.actorId);
  if (f.subject.trim()) q.set("targetId", f.subject.trim());
  if (f.from) q.set("from", `${f.from}T00:00:00.000Z`);
  if (f.to) q.set("to", `${f.to}T23:59:59.999Z`);
  return q;
}

export function AuditBrowser({ initial, actors, initialFilters }: { initial: CursorPage<AuditRow>; actors: { id: string; label: string; type: string }[]; initialFilters: Filters }) {
  const router = useRouter();
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [subjectText, setSubjectText] = useState(initialFilters.subject);

  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.subject === subjectText ? f : { ...f, subject: subjectText })), 300);
    return () => clearTimeout(t);
  }, [subjectText]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const qs = useMemo(() => queryOf(filters).toString(), [filters]);
  const { page, loading, error, pagination } = useCursorPager({ endpoint: "/api/v1/audit", query: qs, initial, failure: "Could not load the audit log" });
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
            options={[{ value: "", label: "Anyone" }, ...actors.map((a) => ({ value: a.id, label: `${a.label}${a.type === "apiKey" ? " (API key)" : ""}` }))]} />
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
          <Button variant="ghost" size="sm" onClick={() => { setSubjectText(""); set({ action: "", actorId: "", subject: "", from: "", to: "" }); router.replace("/audit"); }}>
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
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DataTable
        label="Audit events"
        columns={columns}
        data={page.items}
        getRowId={(r) => r.id}
        loading={loading}
        onRowClick={(r) => router.push(`/audit/${r.id}`)}
        empty={<EmptyState bare icon={<ScrollText />} title={filtered ? "No events match these filters" : "No events yet"} description={filtered ? "Widen the date range or clear a filter." : "Changes appear here as they happen."} />}
        pagination={pagination}
      />
    </div>
  );
}
