import Link from "next/link";
import { count } from "@/lib/format/count";
import { notFound } from "next/navigation";
import { Link2, Undo2 } from "lucide-react";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { ActionBadge } from "@/components/audit/action-badge";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { requirePagePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { idSchema } from "@/lib/schemas/common";
import { getAuditEvent } from "@/lib/audit/read-audit";
import { canRevert } from "@/lib/audit/revert-event";
import { auditComparisons, type DiffRow } from "@/lib/audit/rules/diff";
import { cn } from "@/lib/utils/cn";
import { RevertButton } from "./revert-button";
import { EmptyValue } from "@/components/ui/empty-value";

export const metadata = { title: "Audit event" };

const show = (v: unknown) => (v === undefined ? "" : v === null ? "null" : typeof v === "string" ? v : JSON.stringify(v));

function DiffTable({ rows, label }: { rows: DiffRow[]; label: string }) {
  if (!rows.length) return <p className="text-[13px] text-fg-muted italic">No differences.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full table-fixed text-[13px]" aria-label={label}>
        <thead className="bg-muted/50 text-xs text-fg-muted">
          <tr><th className="w-[30%] px-3 py-2 text-left font-medium">Field</th><th className="px-3 py-2 text-left font-medium">Before</th><th className="px-3 py-2 text-left font-medium">After</th></tr>
        </thead>
        <tbody className="font-mono text-xs">
          {rows.map((r) => (
            <tr key={r.path} className="border-t border-border align-top">
              <td className="px-3 py-1.5 break-all text-fg-muted">{r.path}</td>
              <td className={cn("px-3 py-1.5 break-all", (r.change === "changed" || r.change === "removed") && "bg-danger/10 text-danger")}>
                {r.change === "added" ? <EmptyValue /> : show(r.before)}
              </td>
              <td className={cn("px-3 py-1.5 break-all", (r.change === "changed" || r.change === "added") && "bg-success/10 text-success")}>
                {r.change === "removed" ? <EmptyValue /> : show(r.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </>
  );
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal("audit:read");
  const { id } = await params;
  if (!idSchema.safeParse(id).success) notFound();
  const e = await getAuditEvent(p, id).catch((err) => { if (isAppError(err) && err.code === "NOT_FOUND") notFound(); throw err; });
  const comparisons = auditComparisons(e.action, e.before, e.after);
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  const persons = [...new Set([
    (before.source as { id?: string } | undefined)?.id, (before.target as { id?: string } | undefined)?.id,
    (before.person as { id?: string } | undefined)?.id, (after.person as { id?: string } | undefined)?.id,
  ].filter((x): x is string => !!x))];

  return (
    <div className="space-y-6">
      <BackLink href="/audit">Audit log</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight">Event #{e.seq}</h1>
            <ActionBadge action={e.action} />
          </div>
          <p className="mt-1 text-[13px] text-fg-muted">
            {e.actor.label ?? "system"} · <time dateTime={new Date(e.at).toISOString()}>{dateTime(e.at)}</time> ({relativeTime(e.at)})
          </p>
        </div>
        {e.revertible && canRevert(p) ? <RevertButton eventId={e.id} action={e.action} /> : null}
      </div>

      {e.erased ? (
        <Alert tone="info" title="Personal data erased">
          The personal fields of this event (names, phones, emails, platform ids…) were erased — by a person&apos;s erasure or by the
          audit retention period — and read <code>[erased]</code>. The event itself and the audit chain are unchanged.
        </Alert>
      ) : null}

      {e.revertedBy ? (
        <Alert tone="info" title="Reverted">
          Reverted by {e.revertedBy.actorLabel ?? "system"} {relativeTime(e.revertedBy.at)} — <Link className="underline" href={`/audit/${e.revertedBy.id}`}>see the revert event</Link>.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader><CardTitle>Who, when, why</CardTitle></CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-2 text-[13px]">
              <Meta label="Actor">{e.actor.label ?? "system"} <span className="text-fg-muted">({e.actor.type === "apiKey" ? "API key" : e.actor.type})</span></Meta>
              <Meta label="When">{dateTime(e.at)}</Meta>
              <Meta label="Reason">{e.reason ? <span className="font-medium">“{e.reason}”</span> : <span className="text-fg-muted italic">none given</span>}</Meta>
              <Meta label="Target">{e.targetType} <code className="font-mono text-xs">{e.targetId ?? <EmptyValue />}</code></Meta>
              <Meta label="Request id"><code className="font-mono text-xs">{e.requestId ?? <EmptyValue />}</code></Meta>
              <Meta label="IP">{e.ip ?? <EmptyValue />}</Meta>
              <Meta label="User agent"><span className="text-xs">{e.userAgent ?? <EmptyValue />}</span></Meta>
            </dl>
            {persons.length ? (
              <div className="mt-4 space-y-1">
                <p className="text-xs font-medium text-fg-muted">Persons</p>
                {persons.map((pid) => (
                  <Link key={pid} href={`/persons/${pid}`} className="flex items-center gap-1.5 text-[13px] text-accent hover:underline">
                    <Link2 className="size-3.5" aria-hidden="true" /><code className="font-mono text-xs">{pid}</code>
                  </Link>
                ))}
              </div>
            ) : null}
            <div className="mt-4 space-y-1 border-t border-border pt-3">
              <p className="text-xs font-medium text-fg-muted">Hash chain</p>
              {e.sealed ? (
                <>
                  <p className="text-xs text-fg-muted" data-testid="seal-state">Sealed</p>
                  <p className="font-mono text-[11px] break-all text-fg-muted">prev {e.prevHash ?? "— (first event)"}</p>
                  <p className="font-mono text-[11px] break-all">hash {e.hash}</p>
                </>
              ) : (
                <p className="text-xs text-warning" data-testid="seal-state">Not sealed yet: the sealer links events into the chain within about a second of their commit.</p>
              )}
            </div>
          </CardContent>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          {comparisons.map((c) => (
            <Card key={c.title}>
              <CardHeader>
                <CardTitle>{c.title}</CardTitle>
                <CardDescription>{count(c.rows.length, "field")}{c.before && c.after ? " changed" : ""}</CardDescription>
              </CardHeader>
              <CardContent><DiffTable rows={c.rows} label={c.title} /></CardContent>
            </Card>
          ))}
          <Card>
            <CardHeader><CardTitle>Raw snapshots</CardTitle><CardDescription>Exactly what the event stores (and what its hash covers).</CardDescription></CardHeader>
            <CardContent className="space-y-2">
              {(["before", "after"] as const).map((k) => (
                <details key={k} className="rounded-md border border-border">
                  <summary className="cursor-pointer px-3 py-2 text-[13px] font-medium">{k}</summary>
                  <pre className="max-h-96 overflow-auto border-t border-border bg-muted/40 p-3 font-mono text-xs">{JSON.stringify(e[k], null, 2)}</pre>
                </details>
              ))}
            </CardContent>
          </Card>
        </div>
      </div>
      {e.action === "audit.revert" ? (
        <p className="flex items-center gap-1.5 text-[13px] text-fg-muted">
          <Undo2 className="size-3.5" aria-hidden="true" /> This event undid <Link className="text-accent hover:underline" href={`/audit/${e.targetId}`}>event {e.targetId?.slice(0, 8)}</Link>.
        </p>
      ) : null}
    </div>
  );
}
