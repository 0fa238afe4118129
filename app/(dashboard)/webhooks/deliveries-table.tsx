"use client";
// An endpoint's latest deliveries: status, attempts, response code, latency; a row opens to show
// the request and response bodies, and can be redelivered.
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { redeliverAction } from "./actions";
import type { DeliveryRow } from "./types";

const TONE = { succeeded: "success", failed: "danger", pending: "warning" } as const;
const pretty = (s: string | null | undefined) => {
  if (!s) return "—";
  try { return JSON.stringify(JSON.parse(s), null, 2); } catch { return s; }
};

export function DeliveriesTable({ webhookId, rows, canWrite, onChanged }: { webhookId: string; rows: DeliveryRow[]; canWrite: boolean; onChanged: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!rows.length) return <p className="rounded-md border border-dashed border-border px-3 py-4 text-[13px] text-fg-muted">No deliveries yet. Send a test event, or make a change this endpoint subscribes to.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-[13px]" aria-label="Deliveries">
        <thead className="bg-muted/50 text-left text-xs text-fg-muted">
          <tr><th className="px-3 py-2">Event</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">Attempts</th><th className="px-3 py-2">Response</th><th className="px-3 py-2">Latency</th><th className="px-3 py-2">Created</th><th className="px-3 py-2" /></tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <Fragment key={d.id}>
              <tr className="border-t border-border">
                <td className="px-3 py-2"><button type="button" className="font-mono text-xs hover:underline" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>{d.type}</button></td>
                <td className="px-3 py-2"><Badge tone={TONE[d.status]} dot>{d.status}</Badge></td>
                <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
                <td className="px-3 py-2">{d.lastStatusCode ?? <span className="text-fg-muted">{d.lastError ?? "—"}</span>}</td>
                <td className="px-3 py-2 tabular-nums">{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
                <td className="px-3 py-2 text-fg-muted">{new Date(d.createdAt).toLocaleString()}</td>
                <td className="px-3 py-2 text-right">
                  <div className="flex justify-end gap-1">
                    <Button size="sm" variant="ghost" onClick={() => setOpen(open === d.id ? null : d.id)}>{open === d.id ? "Hide" : "Details"}</Button>
                    {canWrite ? (
                      <Button size="sm" variant="secondary" loading={busy === d.id} onClick={async () => {
                        setBusy(d.id);
                        try { await redeliverAction({ id: webhookId, deliveryId: d.id }); } finally { setBusy(null); onChanged(); }
                      }}>Redeliver</Button>
                    ) : null}
                  </div>
                </td>
              </tr>
              {open === d.id ? (
                <tr className="border-t border-border bg-muted/30">
                  <td colSpan={7} className="px-3 py-3">
                    {d.lastError ? <p className="mb-2 text-xs text-danger">{d.lastError}</p> : null}
                    {d.nextAttemptAt ? <p className="mb-2 text-xs text-fg-muted">Next attempt {new Date(d.nextAttemptAt).toLocaleString()}</p> : null}
                    <div className="grid gap-3 md:grid-cols-2">
                      <div><h3 className="mb-1 text-xs font-medium text-fg-muted">Request body</h3><pre className="max-h-72 overflow-auto rounded-md border border-border bg-surface p-2 text-xs">{d.requestBody === null ? "Not built yet: the first attempt builds it from the event, and it is kept as sent." : pretty(d.requestBody)}</pre></div>
                      <div><h3 className="mb-1 text-xs font-medium text-fg-muted">Response body</h3><pre className="max-h-72 overflow-auto rounded-md border border-border bg-surface p-2 text-xs">{pretty(d.responseBody)}</pre></div>
                    </div>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
