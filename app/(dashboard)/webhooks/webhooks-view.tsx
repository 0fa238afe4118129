"use client";
// The Webhooks page body: endpoints (edit, enable/disable, send test, rotate, delete), the create,
// edit and secret dialogs, and the selected endpoint's deliveries. Every change sends the version
// the page loaded: a stale one changes nothing and says what changed meanwhile.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Ellipsis, Pause, Pencil, Play, Plus, RotateCw, Send, Trash, Webhook as WebhookIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/actions/validated-action";
import { cn } from "@/lib/utils/cn";
import { deleteWebhookAction, rotateWebhookAction, testWebhookAction, updateWebhookAction } from "./actions";
import { DeliveriesTable } from "./deliveries-table";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { WebhookSecretDialog } from "./secret-dialog";
import { CONFLICT_FIELDS, type DeliveryRow, type HookRow, type InstanceOption, type IssuedSecret } from "./types";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a refused stale change says: nothing done, and the fields changed meanwhile (now). */
function staleMessage(loaded: HookRow, current: Record<string, unknown>): string {
  const changed = CONFLICT_FIELDS.filter((f) => !same(loaded[f.key as keyof HookRow], current[f.key]))
    .map((f) => `${f.label}: ${f.show ? f.show(current[f.key]) : String(current[f.key] ?? "(empty)")}`);
  return `This webhook was changed by someone else since the page loaded: nothing was done. ${changed.length ? `Changed meanwhile (now): ${changed.join("; ")}. ` : ""}The page shows the current values: check them and try again.`;
}

/** The action's data, or an Error with its message (a stale change: what changed meanwhile, see above). */
async function must<T>(p: Promise<ActionResult<T>>, loaded?: HookRow): Promise<T> {
  const r = await p;
  if (r.ok) return r.data;
  if (r.code === "PRECONDITION_FAILED" && loaded && r.current && typeof r.current === "object") throw new Error(staleMessage(loaded, r.current as Record<string, unknown>));
  throw new Error(r.error);
}

export function WebhooksView({ hooks, selectedId, deliveries, instances, actions, canWrite }: {
  hooks: HookRow[]; selectedId: string | null; deliveries: DeliveryRow[]; instances: InstanceOption[]; actions: string[]; canWrite: boolean;
}) {
  const router = useRouter();
  const refresh = () => router.refresh();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<HookRow | null>(null);
  const [issued, setIssued] = useState<{ s: IssuedSecret; rotated: boolean } | null>(null);
  const [confirm, setConfirm] = useState<{ kind: "delete" | "rotate"; row: HookRow } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    setNotice(null);
    try { await fn(); } catch (e) { setNotice({ tone: "error", text: e instanceof Error ? e.message : String(e) }); } finally { setBusy(null); refresh(); }
  };
  const selected = hooks.find((h) => h.id === selectedId) ?? null;
  // a confirmation sends the version the page shows now (after a stale refusal, the refreshed one)
  const latest = (row: HookRow) => hooks.find((h) => h.id === row.id) ?? row;
  const staleRefresh = (e: unknown): never => { refresh(); throw e; };
  const instanceName = (id: string) => instances.find((i) => i.id === id)?.name ?? id.slice(0, 8);

  const createButton = canWrite ? (
    <Button size="sm" onClick={() => setCreating(true)}><Plus aria-hidden="true" className="size-4" />New webhook</Button>
  ) : null;

  return (
    <>
      {hooks.filter((h) => h.disabled && h.disabledReason && !h.disabledReason.startsWith("Disabled by")).map((h) => (
        <Alert key={h.id} tone="warning" title={`Webhook disabled: ${h.url}`} className="mb-4">
          {h.disabledReason} Fix the receiver, then enable it again.
        </Alert>
      ))}
      {notice ? <Alert tone={notice.tone} className="mb-4">{notice.text}</Alert> : null}
      <div className="mb-4 flex items-center justify-end">{hooks.length ? createButton : null}</div>
      {hooks.length === 0 ? (
        <EmptyState icon={<WebhookIcon className="size-5" />} title="No webhooks yet" description="Subscribe a URL to audit events, e.g. person.merge, so your integrations learn of merges within seconds." action={createButton} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full text-[13px]" aria-label="Webhook endpoints">
            <thead className="bg-muted/50 text-left text-xs text-fg-muted">
              <tr><th className="px-3 py-2">URL</th><th className="px-3 py-2">Events</th><th className="px-3 py-2">Instances</th><th className="px-3 py-2">Status</th><th className="px-3 py-2 text-right"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {hooks.map((h) => (
                <tr key={h.id} className={cn("border-t border-border", h.id === selectedId && "bg-accent/5")}>
                  <td className="max-w-xs min-w-52 px-3 py-2">
                    <Link href={`/webhooks?id=${h.id}`} className="break-all font-medium text-fg hover:underline">{h.url}</Link>
                    {h.description ? <div className="text-xs text-fg-muted [overflow-wrap:anywhere]">{h.description}</div> : null}
                  </td>
                  <td className="px-3 py-2"><div className="flex flex-wrap gap-1">{h.events.map((e) => <Badge key={e}>{e}</Badge>)}</div></td>
                  <td className="px-3 py-2 text-fg-muted">{h.instanceIds ? h.instanceIds.map(instanceName).join(", ") : "All"}</td>
                  <td className="px-3 py-2">
                    {h.disabled ? <Badge tone="danger" dot>Disabled</Badge> : h.failingSince ? <Badge tone="warning" dot>Failing</Badge> : <Badge tone="success" dot>Enabled</Badge>}
                    {h.secretRotating ? <div className="mt-1 text-xs text-fg-muted">Two secrets sign until {new Date(h.previousSecretExpiresAt!).toLocaleString()}</div> : null}
                  </td>
                  <td className="px-3 py-2">
                    {canWrite ? (
                      <div className="flex items-center justify-end gap-1">
                        <Button size="sm" variant="secondary" loading={busy === `test-${h.id}`} aria-label={`Send test event to ${h.url}`} onClick={() => run(`test-${h.id}`, async () => {
                          const d = await must(testWebhookAction({ id: h.id }));
                          setNotice(d.status === "succeeded"
                            ? { tone: "success", text: `Test event delivered (HTTP ${d.lastStatusCode}).` }
                            : { tone: "error", text: `Test event not delivered: ${d.lastError ?? "no answer"}. It will be retried.` });
                          router.push(`/webhooks?id=${h.id}`);
                        })}>
                          <Send aria-hidden="true" className="size-3.5" />
                          <span className="hidden sm:inline">Send test event</span>
                        </Button>
                        <DropdownMenu>
                          <DropdownMenuTrigger asChild>
                            <Button variant="ghost" size="icon-sm" loading={busy === `toggle-${h.id}`} aria-label={`Actions for ${h.url}`}>
                              <Ellipsis aria-hidden="true" className="size-4" />
                            </Button>
                          </DropdownMenuTrigger>
                          <DropdownMenuContent>
                            <DropdownMenuItem icon={<Pencil />} onSelect={() => setEditing(h)}>Edit</DropdownMenuItem>
                            <DropdownMenuItem icon={h.disabled ? <Play /> : <Pause />}
                              onSelect={() => run(`toggle-${h.id}`, async () => void (await must(updateWebhookAction({ id: h.id, version: h.version, disabled: !h.disabled }), h)))}>
                              {h.disabled ? "Enable" : "Disable"}
                            </DropdownMenuItem>
                            <DropdownMenuItem icon={<RotateCw />} onSelect={() => setConfirm({ kind: "rotate", row: h })}>Rotate secret…</DropdownMenuItem>
                            <DropdownMenuSeparator />
                            <DropdownMenuItem icon={<Trash />} destructive onSelect={() => setConfirm({ kind: "delete", row: h })}>Delete…</DropdownMenuItem>
                          </DropdownMenuContent>
                        </DropdownMenu>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected ? (
        <section className="mt-8" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title" className="mb-3 text-base font-semibold">Deliveries to <span className="break-all font-normal text-fg-muted">{selected.url}</span></h2>
          <DeliveriesTable webhookId={selected.id} rows={deliveries} canWrite={canWrite} onChanged={refresh} />
        </section>
      ) : null}

      <WebhookFormDialog open={creating} onOpenChange={setCreating} instances={instances} actions={actions}
        onCreated={(s) => { setIssued({ s, rotated: false }); router.push(`/webhooks?id=${s.id}`); refresh(); }} />
      <WebhookFormDialog open={!!editing} onOpenChange={(o) => { if (!o) setEditing(null); }} editing={editing} instances={instances} actions={actions}
        onSaved={() => { setNotice({ tone: "success", text: "Webhook saved." }); refresh(); }} />
      <WebhookSecretDialog issued={issued?.s ?? null} rotated={issued?.rotated} onClose={() => setIssued(null)} />
      <ConfirmDialog open={confirm?.kind === "delete"} onOpenChange={(o) => { if (!o) setConfirm(null); }}
        title="Delete this webhook?" description={`${confirm?.row.url ?? ""} stops receiving events, and its delivery history is deleted.`}
        confirmLabel="Delete webhook" destructive
        onConfirm={async () => { const row = latest(confirm!.row); await must(deleteWebhookAction({ id: row.id, version: row.version }), row).catch(staleRefresh); setConfirm(null); router.push("/webhooks"); refresh(); }} />
      <ConfirmDialog open={confirm?.kind === "rotate"} onOpenChange={(o) => { if (!o) setConfirm(null); }}
        title="Rotate the signing secret?" description="A new secret is shown once. For 24 h deliveries carry both signatures, so the receiver can switch over."
        confirmLabel="Rotate secret"
        onConfirm={async () => { const row = latest(confirm!.row); const s = await must(rotateWebhookAction({ id: row.id, version: row.version }), row).catch(staleRefresh); setConfirm(null); setIssued({ s, rotated: true }); refresh(); }} />
    </>
  );
}
