"use client";
import { Truncate } from "@/components/ui/truncate";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Unlink, UserRoundX } from "lucide-react";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ChannelBadge, channelLabel } from "@/components/persons/channel-badge";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { unlinkAction } from "../actions";
import { revertAction } from "../../audit/actions";
import { notifyDone } from "@/components/ui/toast";
import { EmptyValue } from "@/components/ui/empty-value";

export type IdentityRow = {
  id: string; channel: string; platformUserId: string; platformUsername: string | null; messageCount: number;
  firstSeenAt: string | null; lastSeenAt: string | null; linkedBy: string | null; linkReason: string | null;
  instance: { id: string; name: string };
};

function UnlinkButton({ row }: { row: IdentityRow }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const who = row.platformUsername ?? row.platformUserId;
  return (
    <ConfirmDialog
      title={`Unlink ${who}?`}
      description="The identity moves to a new person of its own; you stay on this person. The change is audited, and you can undo it right after or revert it from the audit log."
      confirmLabel="Unlink"
      destructive
      trigger={<Button variant="ghost" size="sm" aria-label={`Unlink ${who}`}><Unlink aria-hidden="true" /> Unlink</Button>}
      onConfirm={async () => {
        const res = await unlinkAction({ id: row.id, reason: reason.trim() || null });
        if (!res.ok) throw new Error(res.error);
        router.refresh();
        const { personId, auditEventId } = res.data;
        notifyDone(`${who} unlinked`, {
          description: `${channelLabel(row.channel)} identity ${who} now belongs to a new person of its own.`,
          open: { label: "Open new person", href: `/persons/${personId}`, go: router.push },
          undo: { run: () => revertAction({ id: auditEventId, reason: "Undo unlink" }), done: `${who} linked back`, after: router.refresh },
        });
      }}
    >
      <div className="space-y-1.5">
        <Label htmlFor={`reason-${row.id}`}>Reason</Label>
        <Input id={`reason-${row.id}`} placeholder="Manual unlink" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </ConfirmDialog>
  );
}

const col = createDataTableColumnHelper<IdentityRow>();

export function IdentitiesTable({ rows, canEdit }: { rows: IdentityRow[]; canEdit: boolean }) {
  const columns = [
    col.accessor("channel", { header: "Channel", cell: (c) => <ChannelBadge channel={c.getValue()} /> }),
    col.accessor((r) => r.instance.name, { id: "instance", header: "Instance", cell: (c) => <Truncate text={c.getValue()} className="max-w-[12rem]" /> }),
    col.accessor("platformUserId", { header: "Platform id", cell: (c) => <code className="font-mono text-xs break-all text-fg-muted">{c.getValue()}</code> }),
    col.accessor("platformUsername", { header: "Username", cell: (c) => (c.getValue() ? <Truncate text={c.getValue()!} className="max-w-[14rem]" /> : <EmptyValue />) }),
    col.accessor("linkedBy", {
      header: "Linked by",
      cell: (c) => c.getValue()
        ? <span title={c.row.original.linkReason ?? undefined}>{c.getValue()}{c.row.original.linkReason ? <Truncate text={c.row.original.linkReason} className="max-w-[14rem] text-xs text-fg-muted" /> : null}</span>
        : <EmptyValue />,
    }),
    col.accessor("firstSeenAt", { header: "First seen", cell: (c) => <span className="whitespace-nowrap text-fg-muted" title={dateTime(c.getValue())} suppressHydrationWarning>{relativeTime(c.getValue())}</span> }),
    col.accessor("lastSeenAt", { header: "Last seen", cell: (c) => <span className="whitespace-nowrap text-fg-muted" title={dateTime(c.getValue())} suppressHydrationWarning>{relativeTime(c.getValue())}</span> }),
    col.accessor("messageCount", { header: "Messages", meta: { align: "right" }, cell: (c) => <span className="tabular-nums">{c.getValue().toLocaleString("en")}</span> }),
    ...(canEdit && rows.length > 1
      ? [col.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, meta: { align: "right" }, cell: (c) => <UnlinkButton row={c.row.original} /> })]
      : []),
  ];
  return (
    <DataTable label="Identities" columns={columns} data={rows} getRowId={(r) => r.id} clientPageSize={25}
      empty={<EmptyState bare icon={<UserRoundX />} title="No identities" description="This person has no accounts on any channel. Merge or link to give them some." />} />
  );
}
