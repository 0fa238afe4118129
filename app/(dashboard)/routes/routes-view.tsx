"use client";
// The routes table: filters, sorting and paging live in the URL and are applied by the server
// (listRoutes), so a page of 100,000 routes costs one indexed query plus one COUNT.
import { Truncate } from "@/components/ui/truncate";
import { notifyDone } from "@/components/ui/toast";
import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { FilterX, FlaskConical, MessagesSquare, Power, PowerOff, Route as RouteIcon, Trash2, User } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, createDataTableColumnHelper, type SortingState } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { actionErrorMessage } from "@/components/forms/session-ended";
import { SearchInput } from "@/components/ui/search-input";
import { Select } from "@/components/ui/select";
import { relativeTime } from "@/lib/format/relative-time";
import type { RouteView } from "@/lib/routes/route-records";
import { deleteRouteAction, setRouteActiveAction } from "./actions";
import { RouteFormDialog, type AgentOption, type EditableRoute, type InstanceOption } from "./route-form-dialog";
import { EmptyValue } from "@/components/ui/empty-value";

export type RoutesQuery = {
  instance: string; scope: string; active: string; agent: string; q: string;
  sort: string; order: "asc" | "desc"; page: number; size: number;
};

const SORTABLE = new Set(["updatedAt", "priority", "label", "scope", "active"]);

export function targetLabel(r: Pick<RouteView, "scope" | "chat" | "person">): string {
  if (r.scope === "chat") return r.chat?.title || r.chat?.externalId || "Unknown chat";
  return r.person?.displayName || r.person?.primaryPhone || r.person?.primaryEmail || "Unnamed person";
}

export function testHref(r: Pick<RouteView, "instanceId" | "chatId" | "personId">) {
  const sp = new URLSearchParams({ instance: r.instanceId });
  if (r.chatId) sp.set("chat", r.chatId);
  if (r.personId) sp.set("person", r.personId);
  return `/routes/test?${sp}`;
}

function RowActions({ row, canWrite, instances, agents }: { row: EditableRoute; canWrite: boolean; instances: InstanceOption[]; agents: AgentOption[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<ReactNode>(null);
  const name = row.label ? `“${row.label}”` : `the route for ${targetLabel(row)}`;
  return (
    <div className="flex items-center justify-end gap-0.5">
      <Link href={testHref(row)} aria-label={`Test ${name}`} title="Test" className={buttonClasses({ variant: "ghost", size: "icon-sm" })}>
        <FlaskConical aria-hidden="true" />
      </Link>
      {canWrite ? (
        <>
          <RouteFormDialog mode="edit" route={row} instances={instances} agents={agents} />
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`${row.active ? "Deactivate" : "Activate"} ${name}`}
            title={row.active ? "Deactivate" : "Activate"}
            loading={pending}
            onClick={() =>
              start(async () => {
                const res = await setRouteActiveAction({ id: row.id, active: !row.active });
                setError(res.ok ? null : actionErrorMessage(res));
                if (res.ok || res.code !== "UNAUTHENTICATED") router.refresh(); // signed out: stay, with the sign-in link
                if (res.ok) {
                  const was = row.active;
                  notifyDone(`Route ${was ? "deactivated" : "activated"}`, {
                    description: `${name} on ${row.instance.name} ${was ? "no longer answers" : "answers again"}.`,
                    undo: {
                      run: async () => { const r = await setRouteActiveAction({ id: row.id, active: was }); return r.ok ? { ok: true } : { ok: false, error: r.error }; },
                      done: `Route ${was ? "active" : "inactive"} again`,
                      after: router.refresh,
                    },
                  });
                }
              })
            }
          >
            {row.active ? <PowerOff aria-hidden="true" /> : <Power aria-hidden="true" />}
          </Button>
          <ConfirmDialog
            title="Delete this route?"
            description={`${name} on ${row.instance.name} will stop answering. Messages fall back to the next matching route or the instance's default agent. The audit log keeps a copy.`}
            confirmLabel="Delete route"
            destructive
            onConfirm={async () => {
              const res = await deleteRouteAction({ id: row.id });
              if (!res.ok) throw new Error(res.error);
              router.refresh();
              notifyDone("Route deleted", { description: `${name} on ${row.instance.name} is gone; the audit log keeps a copy.` });
            }}
            trigger={
              <Button variant="ghost" size="icon-sm" aria-label={`Delete ${name}`} title="Delete">
                <Trash2 aria-hidden="true" />
              </Button>
            }
          />
        </>
      ) : null}
      {error ? <p role="alert" className="text-xs text-danger">{error}</p> : null}
    </div>
  );
}

const col = createDataTableColumnHelper<EditableRoute>();

export function RoutesView({ page, query, instances, agents, canWrite, ready }: {
  page: { items: EditableRoute[]; total: number };
  query: RoutesQuery;
  instances: InstanceOption[];
  agents: AgentOption[];
  canWrite: boolean;
  ready: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [text, setText] = useState(query.q);
  /** the label search last sent to the URL, so clearing the filters does not re-send a stale one */
  const appliedText = useRef(query.q);

  /** the query last asked for: quick successive changes build on it, not on the page still shown */
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  }, [query]);

  function go(patch: Partial<RoutesQuery>) {
    const next = { ...latest.current, page: 1, ...patch };
    latest.current = next;
    appliedText.current = next.q;
    const sp = new URLSearchParams();
    for (const k of ["instance", "scope", "active", "agent", "q"] as const) if (next[k]) sp.set(k, next[k]);
    if (next.sort !== "updatedAt" || next.order !== "desc") {
      sp.set("sort", next.sort);
      sp.set("order", next.order);
    }
    if (next.page > 1) sp.set("page", String(next.page));
    if (next.size !== 25) sp.set("size", String(next.size));
    start(() => router.push(`${pathname}${sp.size ? `?${sp}` : ""}`, { scroll: false }));
  }

  // free text: apply after a short pause in typing
  useEffect(() => {
    if (text.trim() === appliedText.current) return;
    const t = setTimeout(() => go({ q: text.trim() }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const columns = useMemo(() => [
    col.accessor("scope", {
      header: "Scope",
      cell: (c) => (c.getValue() === "chat"
        ? <Badge tone="accent"><MessagesSquare aria-hidden="true" />Chat</Badge>
        : <Badge><User aria-hidden="true" />Person</Badge>),
    }),
    col.display({
      id: "target",
      header: "Target",
      enableSorting: false,
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-0">
            {r.scope === "user" && r.personId ? (
              <Link href={`/persons/${r.personId}`} className="block font-medium text-fg underline-offset-2 hover:underline"><Truncate text={targetLabel(r)} className="max-w-[18rem]" /></Link>
            ) : (
              <Truncate text={targetLabel(r)} className="max-w-[18rem] font-medium text-fg" />
            )}
            <Truncate text={r.instance.name} className="text-xs text-fg-muted" />
          </div>
        );
      },
    }),
    col.display({ id: "agent", header: "Agent", enableSorting: false, cell: (c) => <span>{c.row.original.agent.name}</span> }),
    col.accessor("priority", { header: "Priority", meta: { align: "right" }, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
    col.accessor("active", {
      header: "Status",
      cell: (c) => (c.getValue() ? <Badge tone="success" dot>Active</Badge> : <Badge dot>Inactive</Badge>),
    }),
    col.accessor("label", { header: "Label", cell: (c) => (c.getValue() ? <Truncate text={c.getValue()!} className="max-w-[18rem]" /> : <EmptyValue />) }),
    col.accessor("updatedAt", { header: "Updated", cell: (c) => <span className="whitespace-nowrap text-fg-muted" title={new Date(c.getValue()).toISOString()} suppressHydrationWarning>{relativeTime(c.getValue())}</span> }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      meta: { align: "right", className: "w-40" },
      cell: (c) => <RowActions row={c.row.original} canWrite={canWrite} instances={instances} agents={agents} />,
    }),
  ], [canWrite, instances, agents]);

  const sorting: SortingState = [{ id: query.sort, desc: query.order === "desc" }];
  const filtered = !!(query.instance || query.scope || query.active || query.agent || query.q);

  if (!ready) {
    return (
      <EmptyState
        icon={<RouteIcon />}
        title="Route a chat to an agent"
        description={instances.length === 0
          ? "First add an instance (the messaging account, e.g. your support WhatsApp) and an agent under Instances & agents. Then come back to route its chats."
          : "First add an agent (the AI that answers) under Instances & agents. Then come back to route chats and people to it."}
        action={<Link href="/instances" className={buttonClasses({ size: "sm" })}>Go to Instances & agents</Link>}
      />
    );
  }

  if (!filtered && page.total === 0) {
    return (
      <EmptyState
        icon={<RouteIcon />}
        title="Route a chat to an agent"
        description="Without routes, every message goes to the instance's default agent. Add a route to send one chat, or one person, to a specific agent — then try it in the route tester."
        action={canWrite ? <RouteFormDialog mode="create" instances={instances} agents={agents} triggerLabel="Create your first route" /> : null}
      />
    );
  }

  return (
    <div className="space-y-3">
      <div role="search" aria-label="Filter routes" className="flex flex-wrap items-center gap-2">
        <SearchInput className="w-full sm:w-64" size="sm" aria-label="Search labels" placeholder="Search labels…" value={text} onValueChange={setText} maxLength={200} />
        <Select aria-label="Instance" controlSize="sm" className="w-44" value={query.instance} placeholder="All instances"
          options={instances.map((i) => ({ value: i.id, label: i.name }))} onChange={(e) => go({ instance: e.target.value })} />
        <Select aria-label="Scope" controlSize="sm" className="w-40" value={query.scope} placeholder="All scopes"
          options={[{ value: "chat", label: "Chat routes" }, { value: "user", label: "Person routes" }]} onChange={(e) => go({ scope: e.target.value })} />
        <Select aria-label="Status" controlSize="sm" className="w-36" value={query.active} placeholder="Any status"
          options={[{ value: "true", label: "Active" }, { value: "false", label: "Inactive" }]} onChange={(e) => go({ active: e.target.value })} />
        <Select aria-label="Agent" controlSize="sm" className="w-44" value={query.agent} placeholder="All agents"
          options={agents.map((a) => ({ value: a.id, label: a.name }))} onChange={(e) => go({ agent: e.target.value })} />
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => { setText(""); go({ instance: "", scope: "", active: "", agent: "", q: "" }); }}>
            <FilterX aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
      </div>
      <DataTable
        label="Routes"
        columns={columns}
        data={page.items}
        getRowId={(r) => r.id}
        loading={pending}
        manualSorting
        sorting={sorting}
        onSortingChange={(s) => {
          const first = s[0];
          if (!first || !SORTABLE.has(first.id)) go({ sort: "updatedAt", order: "desc" });
          else go({ sort: first.id, order: first.desc ? "desc" : "asc" });
        }}
        pagination={{
          pageIndex: query.page - 1,
          pageSize: query.size,
          rowCount: page.total,
          onPageChange: (i) => go({ page: i + 1 }),
          onPageSizeChange: (size) => go({ size }),
          disabled: pending,
        }}
        empty={
          <EmptyState bare icon={<FilterX />} title="No routes match these filters"
            description="Try another instance, status or label, or clear the filters."
            action={<Button variant="secondary" size="sm" onClick={() => { setText(""); go({ instance: "", scope: "", active: "", agent: "", q: "" }); }}>Clear filters</Button>} />
        }
      />
    </div>
  );
}
