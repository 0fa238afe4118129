"use client";
// Requests per hour over the last 7 days for one key (recharts, bundled: nothing from the network).
import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { keyUsageAction } from "./actions";
import { relativeTime } from "@/lib/format/relative-time";
import { fmtDateTime, type KeyRow } from "./types";

type Series = { hours: { hour: string; count: number }[]; total: number; lastUsedAt: Date | string | null; lastUsedIp: string | null };

export function UsageDialog({ row, onClose }: { row: KeyRow | null; onClose: () => void }) {
  const [data, setData] = useState<{ id: string; series: Series } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!row) return;
    let live = true;
    keyUsageAction({ id: row.id }).then(
      (r) => {
        if (!live) return;
        if (r.ok) setData({ id: row.id, series: r.data });
        else setError(r.error);
      },
      () => live && setError("Could not load usage."),
    );
    return () => { live = false; };
  }, [row]);
  const series = data && row && data.id === row.id ? data.series : null;
  const peak = series ? Math.max(0, ...series.hours.map((h) => h.count)) : 0;
  return (
    <Dialog open={!!row} onOpenChange={(o) => { if (!o) { setData(null); setError(null); onClose(); } }}>
      <DialogContent size="xl">
        <DialogHeader>
          <DialogTitle>Usage · {row?.name}</DialogTitle>
          <DialogDescription>Requests per hour over the last 7 days.</DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <dl className="grid grid-cols-3 gap-3 text-[13px]">
            <Stat label="Last 7 days" value={series ? series.total.toLocaleString() : "…"} />
            <Stat label="Busiest hour" value={series ? `${peak.toLocaleString()} req` : "…"} />
            <Stat label="Last used" value={!series ? "…" : series.lastUsedAt ? `${relativeTime(series.lastUsedAt)}${series.lastUsedIp ? ` from ${series.lastUsedIp.replace(/^::ffff:/, "")}` : ""}` : "Never"} title={fmtDateTime(series?.lastUsedAt ?? null)} />
          </dl>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="h-64" aria-label="Requests per hour chart" role="img">
            {series ? (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={series.hours} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="hour" tickLine={false} axisLine={false} minTickGap={40} fontSize={11} stroke="var(--fg-muted)"
                    tickFormatter={(h: string) => new Date(h).toLocaleDateString(undefined, { weekday: "short", day: "numeric" })} interval={23} />
                  <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke="var(--fg-muted)" width={48} />
                  <Tooltip cursor={{ fill: "var(--muted)" }}
                    contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, fontSize: 12, color: "var(--fg)" }}
                    labelFormatter={(h) => new Date(String(h)).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" })}
                    formatter={(v) => [`${v} requests`, ""]} />
                  <Bar dataKey="count" fill="var(--accent)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            ) : error ? null : (
              <Skeleton className="h-full w-full" />
            )}
          </div>
          {series && series.total === 0 ? <p className="text-center text-[13px] text-fg-muted">No requests in the last 7 days.</p> : null}
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="rounded-md border border-border bg-muted/30 px-3 py-2">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-0.5 truncate font-medium text-fg" title={title}>{value}</dd>
    </div>
  );
}
