"use client";
// The users table: who, role, status, last sign-in, live sessions, and a menu of changes per row.
// On a phone only the user column and the menu stay; role and status move under the name.
import { Ban, Ellipsis, LogOut, RotateCcwKey, ShieldOff, Trash, UserCheck, UserCog, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { ROLE_BADGE, STATUS_BADGE, displayName, statusOf, type RowAction, type UserRow } from "./types";

const col = createDataTableColumnHelper<UserRow>();

function StatusBadge({ row }: { row: UserRow }) {
  const s = STATUS_BADGE[statusOf(row)];
  const expired = statusOf(row) === "setup" && row.setupLinkExpired;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" suppressHydrationWarning>
      <Badge dot tone={s.tone}>{s.label}</Badge>
      {expired ? <span className="text-xs text-fg-muted" title={`The setup link expired ${dateTime(row.setupExpiresAt)}`}>link expired</span> : null}
    </span>
  );
}

function RowMenu({ row, isSelf, onAction }: { row: UserRow; isSelf: boolean; onAction: (a: RowAction, row: UserRow) => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${row.email}`}>
          <Ellipsis aria-hidden="true" className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem icon={<UserCog />} onSelect={() => onAction("role", row)}>Change role…</DropdownMenuItem>
        {row.disabled
          ? <DropdownMenuItem icon={<UserCheck />} onSelect={() => onAction("enable", row)}>Enable</DropdownMenuItem>
          : <DropdownMenuItem icon={<Ban />} destructive onSelect={() => onAction("disable", row)}>Disable…</DropdownMenuItem>}
        {row.authMethod === "password"
          ? <DropdownMenuItem icon={<RotateCcwKey />} destructive onSelect={() => onAction("reset", row)}>Reset password…</DropdownMenuItem>
          : null}
        {row.twoFactorEnabled
          ? <DropdownMenuItem icon={<ShieldOff />} destructive onSelect={() => onAction("twofactor", row)}>Reset two-factor…</DropdownMenuItem>
          : null}
        <DropdownMenuItem icon={<LogOut />} destructive onSelect={() => onAction("signout", row)}>
          {isSelf ? "Sign me out everywhere…" : "Sign out everywhere…"}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem icon={<Trash />} destructive onSelect={() => onAction("delete", row)}>Delete…</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

const SIGN_IN_LABEL = { oidc: "SSO", proxy: "proxy" } as const;

function RoleCell({ row, ssoManagedRoles }: { row: UserRow; ssoManagedRoles: boolean }) {
  const b = ROLE_BADGE[row.role];
  const managed = ssoManagedRoles && row.authMethod === "oidc";
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={b.tone}>{b.label}</Badge>
      {managed ? <span className="text-xs text-fg-muted" title="Set by the identity provider's groups at every sign-in">managed by SSO</span> : null}
    </span>
  );
}

export function UsersTable({ rows, currentUserId, canWrite, onAction, emptyAction, filtered, ssoManagedRoles = false }: {
  rows: UserRow[];
  /** OMNI_OIDC_ROLE_MAP is set: SSO users' roles follow their groups (shown as managed by SSO) */
  ssoManagedRoles?: boolean;
  /** the signed-in user's id: their row is marked "you" */
  currentUserId: string | null;
  /** users:write: the row menus; without it the table is read-only */
  canWrite: boolean;
  onAction: (a: RowAction, row: UserRow) => void;
  emptyAction?: React.ReactNode;
  /** rows are a search's matches: the empty state says so */
  filtered: boolean;
}) {
  const columns = [
    col.accessor("email", {
      header: "User",
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-0 max-w-48 sm:max-w-72">
            <div className="flex min-w-0 items-center gap-1.5">
              <span className="truncate font-medium text-fg" title={displayName(r)}>{displayName(r)}</span>
              {r.id === currentUserId ? <Badge tone="accent" className="h-4 px-1.5 text-[11px]">you</Badge> : null}
              {r.authMethod !== "password" ? <Badge className="h-4 px-1.5 text-[11px]" title={`Signs in by ${SIGN_IN_LABEL[r.authMethod]}`}>{SIGN_IN_LABEL[r.authMethod]}</Badge> : null}
              {r.twoFactorEnabled ? <Badge tone="success" className="h-4 px-1.5 text-[11px]" title="Two-factor sign-in is on">2FA</Badge> : null}
            </div>
            {r.name ? <div className="truncate text-xs text-fg-muted" title={r.email}>{r.email}</div> : null}
            <div className="mt-1 flex flex-wrap gap-1 sm:hidden">
              <RoleCell row={r} ssoManagedRoles={ssoManagedRoles} />
              <StatusBadge row={r} />
            </div>
          </div>
        );
      },
    }),
    col.accessor("role", {
      header: "Role",
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => <RoleCell row={c.row.original} ssoManagedRoles={ssoManagedRoles} />,
    }),
    col.accessor((r) => statusOf(r), {
      id: "status",
      header: "Status",
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => <StatusBadge row={c.row.original} />,
    }),
    col.accessor("lastSignInAt", {
      header: "Last sign-in",
      sortFn: "datetime",
      meta: { className: "hidden md:table-cell" },
      cell: (c) => (
        <time className="whitespace-nowrap text-fg-muted" dateTime={c.getValue() ? new Date(c.getValue()!).toISOString() : undefined}
          title={c.getValue() ? dateTime(c.getValue()) : undefined} suppressHydrationWarning>
          {c.getValue() ? relativeTime(c.getValue()) : "never"}
        </time>
      ),
    }),
    col.accessor("activeSessions", {
      header: "Sessions",
      meta: { className: "hidden md:table-cell", align: "right" },
      cell: (c) => <span className={c.getValue() ? "tabular-nums" : "tabular-nums text-fg-muted"} title="Signed-in browser sessions that have not ended">{c.getValue()}</span>,
    }),
    ...(canWrite
      ? [col.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          meta: { align: "right", className: "w-12" },
          cell: (c) => <RowMenu row={c.row.original} isSelf={c.row.original.id === currentUserId} onAction={onAction} />,
        })]
      : []),
  ];
  return (
    <DataTable
      label="Users"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      clientPageSize={50}
      empty={filtered
        ? <EmptyState bare icon={<Users />} title="No users match" description="Try part of an email address or a name." />
        : <EmptyState bare icon={<Users />} title="No users yet" description="Add a user for each person who needs the dashboard, with the role they need." action={emptyAction} />}
    />
  );
}
