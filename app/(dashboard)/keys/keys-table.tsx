"use client";
// The keys table: one row per key, revoked and expired keys included (filtered above the table).
import { Truncate } from "@/components/ui/truncate";
import { Ban, ChartColumn, Ellipsis, KeyRound, Pencil, RotateCw, Trash } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/utils/cn";
import { relativeTime } from "@/lib/format/relative-time";
import { fmtDate, fmtDateTime, type InstanceOption, type KeyRow } from "./types";

export type RowAction = "usage" | "edit" | "roll" | "revoke" | "delete";

const STATUS_TONE = { active: "success", revoked: "danger", expired: "warning" } as const;

function Scopes({ scopes }: { scopes: string[] }) {
  const shown = scopes.slice(0, 3);
  return (
    <div className="flex max-w-48 flex-wrap gap-1">
      {shown.map((s) => (
        <Badge key={s} tone={s === "*" ? "accent" : "neutral"} className="font-mono">{s === "*" ? "* full access" : s}</Badge>
      ))}
      {scopes.length > 3 ? <Badge title={scopes.slice(3).join(", ")}>+{scopes.length - 3}</Badge> : null}
    </div>
  );
}

/** IPv4 seen through an IPv6 socket ("::ffff:10.0.0.1") shown as plain IPv4. */
const displayIp = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
const muted = (text: string) => <span className="text-fg-muted">{text}</span>;
const col = createDataTableColumnHelper<KeyRow>();

export function KeysTable({ rows, instances, defaultRateLimit, onAction, emptyAction, filtered, canWrite }: {
  rows: KeyRow[];
  /** false: only "Usage" in each row's menu */
  canWrite: boolean;
  instances: InstanceOption[];
  defaultRateLimit: number;
  onAction: (a: RowAction, row: KeyRow) => void;
  emptyAction?: React.ReactNode;
  filtered: boolean;
}) {
  const instanceName = new Map(instances.map((i) => [i.id, i.name]));
  const columns = [
    col.accessor("name", {
      header: "Name",
      cell: (c) => (
        <div className="min-w-36 max-w-56">
          <Truncate text={c.row.original.description ? `${c.getValue()}: ${c.row.original.description}` : c.getValue()} className="font-medium text-fg">{c.getValue()}</Truncate>
          <code className="font-mono text-xs whitespace-nowrap text-fg-muted">{c.row.original.prefix}…</code>
        </div>
      ),
    }),
    col.accessor("scopes", { header: "Scopes", enableSorting: false, cell: (c) => <Scopes scopes={c.getValue()} /> }),
    col.accessor("instanceIds", {
      header: "Instances",
      enableSorting: false,
      cell: (c) => {
        const ids = c.getValue();
        if (!ids) return muted("All");
        return (
          <div className="flex max-w-36 flex-wrap gap-1">
            {ids.map((id) => <Badge key={id} tone="accent" className="max-w-36 truncate" title={instanceName.get(id)}>{instanceName.get(id) ?? "deleted instance"}</Badge>)}
          </div>
        );
      },
    }),
    col.accessor("rateLimit", {
      header: "Limit",
      enableSorting: false,
      cell: (c) => c.getValue() ? <span className="whitespace-nowrap tabular-nums">{c.getValue()}/min</span> : <span className="whitespace-nowrap text-fg-muted" title="Server default">{defaultRateLimit}/min</span>,
      meta: { align: "right" },
    }),
    col.accessor("status", {
      header: "Status",
      cell: (c) => {
        const r = c.row.original;
        const graceUntil = r.status === "active" && r.revokedAt ? r.revokedAt : null;
        const revokedNote = r.status === "revoked" ? `Revoked by ${r.revokedBy ?? "unknown"}, ${fmtDateTime(r.revokedAt)}${r.revokeReason ? `: ${r.revokeReason}` : ""}` : undefined;
        return (
          <div className="max-w-36 min-w-24" title={revokedNote} suppressHydrationWarning>
            <Badge dot tone={STATUS_TONE[r.status]}>{r.status[0].toUpperCase() + r.status.slice(1)}</Badge>
            {r.status === "revoked" ? (
              <div className="mt-1 truncate text-xs text-fg-muted" suppressHydrationWarning>
                {r.revokeReason ? `“${r.revokeReason}”` : "no reason given"}
                <span className="block truncate">{r.revokedBy ?? "unknown"} · {fmtDate(r.revokedAt!)}</span>
              </div>
            ) : null}
            {graceUntil ? <div className="mt-1 text-xs text-warning" suppressHydrationWarning>rolled, stops {fmtDateTime(graceUntil)}</div> : null}
          </div>
        );
      },
    }),
    col.accessor("usageCount", {
      header: "Usage",
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-24" suppressHydrationWarning>
            <span className="tabular-nums">{r.usageCount.toLocaleString("en")}</span> <span className="text-fg-muted">req</span>
            <div className="text-xs text-fg-muted" title={r.lastUsedAt ? `Last used ${fmtDateTime(r.lastUsedAt)}` : undefined}>
              {r.lastUsedAt ? <><span className="whitespace-nowrap" suppressHydrationWarning>{relativeTime(r.lastUsedAt)}</span>{r.lastUsedIp ? <> <span className="font-mono whitespace-nowrap">{displayIp(r.lastUsedIp)}</span></> : null}</> : "never used"}
            </div>
          </div>
        );
      },
    }),
    col.accessor("createdAt", {
      header: "Created · expires",
      sortFn: "datetime",
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-28" suppressHydrationWarning>
            <span className="whitespace-nowrap" title={`Created ${fmtDateTime(r.createdAt)}`}>{fmtDate(r.createdAt)}</span>
            {" "}<span className="inline-block max-w-32 truncate align-bottom whitespace-nowrap text-fg-muted" title={r.createdBy ?? "system"}>by {r.createdBy ?? "system"}</span>
            <div className={cn("text-xs", r.status === "expired" ? "text-warning" : "text-fg-muted")} title={r.expiresAt ? fmtDateTime(r.expiresAt) : undefined}>
              {r.expiresAt ? `${r.status === "expired" ? "expired" : "expires"} ${fmtDate(r.expiresAt)}` : "never expires"}
            </div>
          </div>
        );
      },
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { align: "right" },
      cell: (c) => {
        const r = c.row.original;
        const revoked = r.status === "revoked";
        return (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${r.name}`}>
                <Ellipsis aria-hidden="true" className="size-4" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent>
              <DropdownMenuItem icon={<ChartColumn />} onSelect={() => onAction("usage", r)}>Usage</DropdownMenuItem>
              {canWrite ? (
                <>
                  <DropdownMenuItem icon={<Pencil />} disabled={revoked} onSelect={() => onAction("edit", r)}>Edit</DropdownMenuItem>
                  <DropdownMenuItem icon={<RotateCw />} disabled={revoked} onSelect={() => onAction("roll", r)}>Roll…</DropdownMenuItem>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem icon={<Ban />} destructive disabled={revoked} onSelect={() => onAction("revoke", r)}>Revoke…</DropdownMenuItem>
                  <DropdownMenuItem icon={<Trash />} destructive onSelect={() => onAction("delete", r)}>Delete…</DropdownMenuItem>
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        );
      },
    }),
  ];
  return (
    <DataTable
      label="API keys"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      clientPageSize={25}
      empty={
        filtered
          ? <EmptyState bare icon={<KeyRound />} title="No keys with this status" description="Try another filter." />
          : <EmptyState bare icon={<KeyRound />} title="No API keys yet" description="Create a key for each script or integration, with only the scopes it needs." action={emptyAction} />
      }
    />
  );
}
