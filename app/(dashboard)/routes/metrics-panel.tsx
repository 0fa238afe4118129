"use client";
// Live figures of the resolution cache (GET /api/v1/routes/metrics, refreshed every 5 s while the
// tab is visible) and a chart of hit rate and latency over the last 30 minutes.
import { useEffect, useState } from "react";
import { Activity } from "lucide-react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { RouteMetrics } from "@/lib/routes/resolver";
import { METRICS_REFRESH_EVENT } from "./metrics-events";
import { EMPTY_VALUE } from "@/lib/format/labels";
import { axisTicks } from "@/lib/format/axis-ticks";

const REFRESH_MS = 5000;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? EMPTY_VALUE : `${(v * 100).toFixed(v === 1 || v === 0 ? 0 : 1)}%`);
const ms = (v: number | null | undefined) => (v === null || v === undefined ? EMPTY_VALUE : v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const num = new Intl.NumberFormat("en-US");
const hhmm = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md border border-border px-3 py-2.5">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-1 text-lg leading-6 font-semibold tracking-tight text-fg tabular-nums">{value}</dd>
      {hint ? <dd className="text-[11px] text-fg-muted tabular-nums">{hint}</dd> : null}
    </div>
  );
}

export function MetricsPanel() {
  const [m, setM] = useState<RouteMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function load() {
      if (document.visibilityState === "visible") {
        try {
          const res = await fetch("/api/v1/routes/metrics", { cache: "no-store" });
          const body = await res.json();
          if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
          if (!stop) { setM(body.data); setError(null); setUpdated(new Date()); }
        } catch (e) {
          if (!stop) setError(e instanceof Error ? e.message : "Could not load the metrics.");
        }
      }
      if (!stop) timer = setTimeout(load, REFRESH_MS);
    }
    const now = () => { clearTimeout(timer); load(); };
    load();
    window.addEventListener(METRICS_REFRESH_EVENT, now);
    return () => { stop = true; clearTimeout(timer); window.removeEventListener(METRICS_REFRESH_EVENT, now); };
  }, []);

  const data = (m?.series ?? []).map((p) => ({
    t: hhmm(p.at),
    hitRate: p.hitRate === null ? null : Math.round(p.hitRate * 1000) / 10,
    p50: p.p50Ms,
    p95: p.p95Ms,
    n: p.hits + p.misses,
  }));
  const quiet = m !== null && m.hits + m.misses === 0;
  // round ticks (0, 1, 2, 3, 4 ms), not the data's own maximum split in four (0.65, 1.3, 1.95 ms)
  const msTicks = axisTicks(Math.max(0, ...data.flatMap((d) => [d.p50 ?? 0, d.p95 ?? 0])));

  return (
    <Card aria-labelledby="route-metrics-title">
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle id="route-metrics-title" className="flex items-center gap-2">
            <Activity aria-hidden="true" className="size-4 text-accent" />
            Resolution cache
          </CardTitle>
          <CardDescription>
            Every lookup of “which agent answers” goes through this cache; any change to a route, an instance&apos;s default, a person or a chat clears the entries it affects at once.
          </CardDescription>
        </div>
        <p className="shrink-0 text-xs text-fg-muted" aria-live="polite">
          {error ? <span className="text-danger">{error}</span> : updated ? <>Live · updated {updated.toLocaleTimeString()}</> : "Loading…"}
        </p>
      </CardHeader>
      <CardContent className="space-y-4">
        {m ? (
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
            <Stat label="Hit rate" value={pct(m.hitRate)} />
            <Stat label="Hits" value={num.format(m.hits)} />
            <Stat label="Misses" value={num.format(m.misses)} />
            <Stat label="Cached entries" value={num.format(m.size)} hint={`of ${num.format(m.maxSize)}`} />
            <Stat label="Invalidations" value={num.format(m.invalidations)} hint={`${num.format(m.invalidationEvents)} changes`} />
            <Stat label="Latency p50" value={ms(m.p50Ms)} />
            <Stat label="Latency p95 / p99" value={ms(m.p95Ms)} hint={`p99 ${ms(m.p99Ms)}`} />
          </dl>
        ) : (
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
            {Array.from({ length: 7 }, (_, i) => <Skeleton key={i} className="h-[62px]" />)}
          </div>
        )}
        <div className="h-56 rounded-md border border-border p-2" role="img" aria-label="Hit rate and resolution latency over the last 30 minutes">
          {m && !quiet ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="t" tick={{ fontSize: 11, fill: "var(--fg-muted)" }} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={24} />
                <YAxis yAxisId="rate" domain={[0, 100]} unit="%" width={44} tick={{ fontSize: 11, fill: "var(--fg-muted)" }} tickLine={false} axisLine={false} />
                <YAxis yAxisId="ms" orientation="right" unit=" ms" width={56} domain={[0, msTicks[msTicks.length - 1]]} ticks={msTicks} tick={{ fontSize: 11, fill: "var(--fg-muted)" }} tickLine={false} axisLine={false} />
                <Tooltip
                  contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12, color: "var(--fg)" }}
                  formatter={(v, name) => (name === "Hit rate" ? [`${v}%`, name] : [`${Number(v).toFixed(3)} ms`, name])}
                />
                <Line yAxisId="rate" type="monotone" dataKey="hitRate" name="Hit rate" stroke="var(--accent)" strokeWidth={2} dot={{ r: 2.5, fill: "var(--accent)" }} connectNulls isAnimationActive={false} />
                <Line yAxisId="ms" type="monotone" dataKey="p50" name="p50 latency" stroke="var(--success)" strokeWidth={1.5} dot={{ r: 2, fill: "var(--success)" }} connectNulls isAnimationActive={false} />
                <Line yAxisId="ms" type="monotone" dataKey="p95" name="p95 latency" stroke="var(--warning)" strokeWidth={1.5} strokeDasharray="4 3" dot={{ r: 2, fill: "var(--warning)" }} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-1 text-center">
              <p className="text-sm font-medium text-fg">{m ? "No resolutions yet" : "Loading the chart…"}</p>
              {m ? <p className="max-w-sm text-[13px] text-fg-muted">Test a route, or let the hub look one up: hit rate and latency appear here minute by minute.</p> : null}
            </div>
          )}
        </div>
        {m && !quiet ? (
          <ul className="flex flex-wrap gap-4 text-xs text-fg-muted" aria-hidden="true">
            <li className="flex items-center gap-1.5"><span className="h-0.5 w-4 rounded bg-accent" />Hit rate (left)</li>
            <li className="flex items-center gap-1.5"><span className="h-0.5 w-4 rounded bg-success" />p50 latency (right)</li>
            <li className="flex items-center gap-1.5"><span className="h-0.5 w-4 rounded bg-warning" />p95 latency (right)</li>
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
