"use client";
// The API keys page body: status filter, table, and the create/edit/usage/roll/revoke/delete dialogs.
import { notifyDone } from "@/components/ui/toast";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";
import { KeyFormDialog } from "./key-form-dialog";
import { DeleteDialog, RevokeDialog, RollDialog } from "./key-actions";
import { KeysTable, type RowAction } from "./keys-table";
import { SecretDialog } from "./secret-dialog";
import { UsageDialog } from "./usage-dialog";
import type { InstanceOption, IssuedKey, KeyRow } from "./types";

const FILTERS = ["all", "active", "revoked", "expired"] as const;
type Filter = (typeof FILTERS)[number];

export function KeysView({ rows, instances, defaultRateLimit, initialStatus, canWrite }: {
  rows: KeyRow[];
  instances: InstanceOption[];
  defaultRateLimit: number;
  initialStatus: Filter;
  /** keys:write: create, edit, roll, revoke and delete; without it the page is read-only */
  canWrite: boolean;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<Filter>(initialStatus);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [dialog, setDialog] = useState<{ action: Exclude<RowAction, "edit">; row: KeyRow } | null>(null);
  const [issued, setIssued] = useState<{ key: IssuedKey; rolled: boolean } | null>(null);

  const counts = Object.fromEntries(FILTERS.map((f) => [f, f === "all" ? rows.length : rows.filter((r) => r.status === f).length]));
  const visible = status === "all" ? rows : rows.filter((r) => r.status === status);
  const refresh = () => router.refresh();
  const pick = (f: Filter) => {
    setStatus(f);
    router.replace(f === "all" ? "/keys" : `/keys?status=${f}`, { scroll: false });
  };
  const onAction = (action: RowAction, row: KeyRow) => (action === "edit" ? setEditing(row) : setDialog({ action, row }));
  const rowFor = (a: string) => (dialog?.action === a ? dialog.row : null);
  const close = () => setDialog(null);

  const createButton = canWrite ? (
    <Button onClick={() => setCreating(true)} size="sm">
      <Plus aria-hidden="true" className="size-4" />
      New API key
    </Button>
  ) : null;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Filter by status" className="inline-flex rounded-lg border border-border bg-muted/50 p-0.5">
          {FILTERS.map((f) => (
            <button key={f} type="button" role="radio" aria-checked={status === f} onClick={() => pick(f)}
              className={cn(
                "inline-flex h-7 items-center gap-1.5 rounded-md px-3 text-[13px] font-medium transition-colors",
                status === f ? "bg-surface text-fg shadow-[var(--shadow-sm)]" : "text-fg-muted hover:text-fg",
              )}>
              {f[0].toUpperCase() + f.slice(1)}
              <span className="text-xs tabular-nums text-fg-muted">{counts[f]}</span>
            </button>
          ))}
        </div>
        {createButton}
      </div>
      <KeysTable rows={visible} instances={instances} defaultRateLimit={defaultRateLimit} onAction={onAction} canWrite={canWrite}
        filtered={status !== "all"} emptyAction={createButton} />

      <KeyFormDialog instances={instances} defaultRateLimit={defaultRateLimit} open={creating} onOpenChange={setCreating}
        onCreated={(key) => { setIssued({ key, rolled: false }); refresh(); }} />
      <KeyFormDialog instances={instances} defaultRateLimit={defaultRateLimit} open={!!editing} editing={editing}
        onOpenChange={(o) => { if (!o) setEditing(null); }} onSaved={() => { refresh(); notifyDone("Key saved"); }} />
      <SecretDialog issued={issued?.key ?? null} rolled={issued?.rolled} onClose={() => setIssued(null)} />
      <UsageDialog row={rowFor("usage")} onClose={close} />
      <RevokeDialog row={rowFor("revoke")} onClose={close} onDone={refresh} />
      <RollDialog row={rowFor("roll")} onClose={close} onRolled={(key) => { setIssued({ key, rolled: true }); refresh(); }} />
      <DeleteDialog row={rowFor("delete")} onClose={close} onDone={refresh} />
    </>
  );
}
