"use client";
import { useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Bot, MessagesSquare, RadioTower, Search } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/select";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { actionErrorMessage } from "@/components/forms/session-ended";
import { setDefaultAgentAction } from "./actions";
import { DeleteAgentButton, DeleteInstanceButton, RenameButton } from "./row-actions";
import { channelLabel } from "@/lib/format/labels";
import { EmptyValue } from "@/components/ui/empty-value";
import { Truncate } from "@/components/ui/truncate";

export type InstanceRow = { id: string; name: string; channel: string; defaultAgentId: string | null; defaultAgent: { id: string; name: string } | null; createdAt: Date };
export type AgentRow = { id: string; name: string; provider: string; model: string | null; description: string | null; createdAt: Date };
export type ChatRow = { id: string; externalId: string; title: string | null; type: string; instance: { name: string; channel: string }; createdAt: Date | string };

// Fixed locale and UTC: the same text on the server and in every browser (no hydration mismatch).
const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const date = (d: Date) => dateFormat.format(new Date(d));

function DefaultAgentSelect({ row, agents, canEdit }: { row: InstanceRow; agents: { id: string; name: string }[]; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<ReactNode>(null);
  if (!canEdit) return <span className="text-fg-muted">{row.defaultAgent?.name ?? "None"}</span>;
  return (
    <div>
      <Select aria-label={`Default agent of ${row.name}`} controlSize="sm" disabled={pending} value={row.defaultAgentId ?? ""}
        placeholder="None" options={agents.map((a) => ({ value: a.id, label: a.name }))}
        onChange={(ev) => start(async () => {
          const res = await setDefaultAgentAction({ id: row.id, defaultAgentId: ev.target.value || null });
          setError(res.ok ? null : actionErrorMessage(res));
          if (res.ok || res.code !== "UNAUTHENTICATED") router.refresh(); // signed out: stay, with the sign-in link
        })} />
      {error ? <p role="alert" className="mt-1 text-xs text-danger">{error}</p> : null}
    </div>
  );
}

const ic = createDataTableColumnHelper<InstanceRow>();

export function InstancesTable({ rows, agents, canEdit }: { rows: InstanceRow[]; agents: { id: string; name: string }[]; canEdit: boolean }) {
  const columns = [
    ic.accessor("name", { header: "Name", cell: (c) => <Truncate text={c.getValue()} className="max-w-[16rem] font-medium text-fg" /> }),
    ic.accessor("channel", { header: "Channel", cell: (c) => <Badge>{channelLabel(c.getValue())}</Badge> }),
    ic.display({ id: "defaultAgent", header: "Default agent", cell: (c) => <DefaultAgentSelect row={c.row.original} agents={agents} canEdit={canEdit} /> }),
    ic.accessor("createdAt", { header: "Created", cell: (c) => <span className="text-fg-muted">{date(c.getValue())}</span> }),
    ...(canEdit
      ? [ic.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, meta: { align: "right" },
          cell: (c) => <div className="flex justify-end gap-0.5"><RenameButton what="instance" row={c.row.original} /><DeleteInstanceButton row={c.row.original} /></div> })]
      : []),
  ];
  return (
    <DataTable label="Instances" columns={columns} data={rows} getRowId={(r) => r.id}
      empty={<EmptyState bare icon={<RadioTower />} title="No instances yet" description="Add the messaging accounts your agents answer on." />} />
  );
}

const ac = createDataTableColumnHelper<AgentRow>();
const agentActions = ac.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, meta: { align: "right" }, cell: (c) => <div className="flex justify-end gap-0.5"><RenameButton what="agent" row={c.row.original} /><DeleteAgentButton row={c.row.original} /></div> });
const agentColumns = [
  ac.accessor("name", { header: "Name", cell: (c) => <Truncate text={c.getValue()} className="max-w-[14rem] font-medium text-fg" /> }),
  ac.accessor("provider", { header: "Provider" }),
  ac.accessor("model", { header: "Model", cell: (c) => c.getValue() ?? <EmptyValue /> }),
  ac.accessor("description", { header: "Description", enableSorting: false, cell: (c) => (c.getValue() ? <Truncate text={c.getValue()!} className="max-w-[16rem] text-fg-muted" /> : <EmptyValue />) }),
];

export function AgentsTable({ rows, canEdit = false }: { rows: AgentRow[]; canEdit?: boolean }) {
  return (
    <DataTable label="Agents" columns={canEdit ? [...agentColumns, agentActions] : agentColumns} data={rows} getRowId={(r) => r.id} clientPageSize={10}
      empty={<EmptyState bare icon={<Bot />} title="No agents yet" description="Create the AI agents that routes send conversations to." />} />
  );
}

const cc = createDataTableColumnHelper<ChatRow>();
const chatColumns = [
  cc.accessor("title", { header: "Title", cell: (c) => <Truncate text={c.getValue() ?? "Untitled"} className="max-w-[14rem] font-medium text-fg" /> }),
  cc.accessor((r) => r.instance.name, { id: "instance", header: "Instance" }),
  cc.accessor("type", { header: "Type", cell: (c) => <Badge>{c.getValue()}</Badge> }),
  cc.accessor("externalId", { header: "External id", cell: (c) => <Truncate text={c.getValue()} className="max-w-[12rem] font-mono text-xs text-fg-muted" /> }),
];

/** The chats loaded so far (all shown: the card pages with "Load more"); `query` the search they answer. */
export function ChatsTable({ rows, loading, query }: { rows: ChatRow[]; loading?: boolean; query?: string }) {
  return (
    <DataTable label="Chats" columns={chatColumns} data={rows} getRowId={(r) => r.id} loading={loading}
      empty={query
        ? <EmptyState bare icon={<Search />} title="No chat matches" description={`Nothing has “${query.length > 32 ? `${query.slice(0, 32)}…` : query}” in its title or external id.`} />
        : <EmptyState bare icon={<MessagesSquare />} title="No chats yet" description="Chats appear as the hub reports them, or add one by hand." />} />
  );
}
