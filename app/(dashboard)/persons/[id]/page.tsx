import Link from "next/link";
import { count } from "@/lib/format/count";
import { notFound } from "next/navigation";
import { GitMerge, History, Route as RouteIcon } from "lucide-react";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button";
import { ChannelBadge, channelLabel } from "@/components/persons/channel-badge";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { isAppError } from "@/lib/errors";
import { idSchema } from "@/lib/schemas/common";
import { getPerson, personRoutes } from "@/lib/persons/get-person";
import { summarizePresence } from "@/lib/persons/rules/presence";
import { personAudit } from "@/lib/audit/read-audit";
import { EditPersonDialog } from "./edit-person-dialog";
import { etagOf } from "@/lib/api/etag";
import { IdentitiesTable } from "./identities-table";
import { LinkIdentityDialog } from "./link-identity-dialog";
import { ErasePersonDialog } from "./erase-person-dialog";
import { EmptyValue } from "@/components/ui/empty-value";
import { describeMergedAway } from "@/lib/persons/merged-away";
import { MergedAwayPanel } from "./merged-away-panel";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata = { title: "Person" };

const ACTION_LABELS: Record<string, string> = {
  "person.create": "Created", "person.update": "Edited", "person.merge": "Merged", "identity.link": "Identities linked",
  "identity.unlink": "Identity unlinked", "audit.revert": "Reverted", "audit.retention": "Old personal data erased",
};

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-border bg-bg/60 px-3.5 py-3">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tracking-tight tabular-nums" title={hint}>{value}</dd>
    </div>
  );
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await requirePagePrincipal();
  const { id } = await params;
  if (!idSchema.safeParse(id).success) notFound();
  const person = await getPerson(p, id).catch((e) => (isAppError(e) && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!person) {
    const merged = await describeMergedAway(p, id);
    if (!merged) notFound();
    return <MergedAwayPanel merged={merged} />;
  }
  const presence = summarizePresence(person.identities);
  const canRoutes = hasScope(p.scopes, "routes:read");
  const canAudit = hasScope(p.scopes, "audit:read");
  const canWrite = hasScope(p.scopes, "persons:write");
  const [routes, history] = await Promise.all([
    canRoutes ? personRoutes(p, id) : Promise.resolve(null),
    canAudit ? personAudit(p, id, 30) : Promise.resolve(null),
  ]);
  const s = presence.summary;
  const name = person.displayName || "Unnamed person";
  const metadata = person.metadata && typeof person.metadata === "object" ? (person.metadata as Record<string, unknown>) : null;

  return (
    <div className="space-y-6">
      <BackLink href="/persons">All persons</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 basis-80 flex-1 items-center gap-4">
          <Avatar src={person.avatarUrl} name={person.displayName} seed={person.id} size="lg" />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 dir="auto" className="text-xl font-semibold tracking-tight [overflow-wrap:anywhere]">{name}</h1>
              {s.online ? <Badge tone="success" dot>Online</Badge> : <Badge dot>Offline</Badge>}
            </div>
            <p className="mt-1 text-[13px] text-fg-muted">
              {s.lastSeenAt ? <>Last seen {relativeTime(s.lastSeenAt)}</> : "Never seen"} · {count(s.totalIdentities, "identity")} · added {relativeTime(person.createdAt)}
            </p>
          </div>
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <EditPersonDialog person={JSON.parse(JSON.stringify(person))} version={etagOf(person)} />
            <Link href={`/persons/merge?target=${person.id}`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              <GitMerge aria-hidden="true" /> Merge into…
            </Link>
            <ErasePersonDialog personId={person.id} name={person.displayName || person.id} />
          </div>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader><CardTitle>Profile</CardTitle></CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2.5 text-[13px]">
              <dt className="text-fg-muted">Display name</dt><dd className="min-w-0 break-words">{person.displayName ?? <EmptyValue />}</dd>
              <dt className="text-fg-muted">Phone</dt><dd className="font-mono tabular-nums">{person.primaryPhone ?? <EmptyValue />}</dd>
              <dt className="text-fg-muted">Email</dt><dd className="min-w-0 break-all">{person.primaryEmail ?? <EmptyValue />}</dd>
              <dt className="text-fg-muted">Avatar URL</dt><dd className="min-w-0 truncate" title={person.avatarUrl ?? undefined}>{person.avatarUrl ?? <EmptyValue />}</dd>
              <dt className="text-fg-muted">Created</dt><dd>{dateTime(person.createdAt)}</dd>
              <dt className="text-fg-muted">Updated</dt><dd>{dateTime(person.updatedAt)}</dd>
              <dt className="text-fg-muted">Id</dt><dd className="font-mono text-xs break-all text-fg-muted">{person.id}</dd>
            </dl>
            <div className="mt-4">
              <p className="mb-1.5 text-[13px] text-fg-muted">Metadata</p>
              {metadata && Object.keys(metadata).length ? (
                <pre className="max-h-48 overflow-auto rounded-md border border-border bg-muted/50 p-3 font-mono text-xs leading-relaxed">{JSON.stringify(metadata, null, 2)}</pre>
              ) : <p className="text-[13px] text-fg-muted italic">None</p>}
            </div>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Presence</CardTitle>
            <CardDescription>Online means seen in the last 5 minutes on any channel.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
              <Stat label="Identities" value={s.totalIdentities} />
              <Stat label="Active channels" value={s.activeChannels} />
              <Stat label="Messages" value={s.totalMessages.toLocaleString("en")} />
              <Stat label="First seen" value={<span className="text-sm">{relativeTime(s.firstSeenAt)}</span>} hint={dateTime(s.firstSeenAt)} />
              <Stat label="Last seen" value={<span className="text-sm">{relativeTime(s.lastSeenAt)}</span>} hint={dateTime(s.lastSeenAt)} />
            </dl>
            {Object.keys(presence.byChannel).length ? (
              <ScrollRegion label="Presence by channel" className="rounded-lg border border-border">
                <table className="w-full text-[13px]" aria-label="Presence by channel">
                  <thead className="bg-muted/50 text-xs text-fg-muted">
                    <tr><th className="px-4 py-2 text-left font-medium">Channel</th><th className="px-4 py-2 text-right font-medium">Identities</th><th className="px-4 py-2 text-right font-medium">Messages</th><th className="px-4 py-2 text-left font-medium">First seen</th><th className="px-4 py-2 text-left font-medium">Last seen</th><th className="px-4 py-2 text-left font-medium">Status</th></tr>
                  </thead>
                  <tbody>
                    {Object.entries(presence.byChannel).map(([c, v]) => (
                      <tr key={c} className="border-t border-border">
                        <td className="px-4 py-2"><ChannelBadge channel={c} /></td>
                        <td className="px-4 py-2 text-right tabular-nums">{v.identities}</td>
                        <td className="px-4 py-2 text-right tabular-nums">{v.messages.toLocaleString("en")}</td>
                        <td className="px-4 py-2 text-fg-muted" title={dateTime(v.firstSeenAt)}>{relativeTime(v.firstSeenAt)}</td>
                        <td className="px-4 py-2 text-fg-muted" title={dateTime(v.lastSeenAt)}>{relativeTime(v.lastSeenAt)}</td>
                        <td className="px-4 py-2">{v.online ? <Badge tone="success" dot>Online</Badge> : <span className="text-fg-muted">Offline</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ) : null}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div>
            <CardTitle>Identities</CardTitle>
            <CardDescription>Accounts of this person on each channel. Unlinking moves one to a new person of its own.</CardDescription>
          </div>
          {canWrite && person.identities.length ? (
            <LinkIdentityDialog personId={person.id} personName={name} identities={person.identities.map((i) => ({ id: i.id, label: `${channelLabel(i.channel)} · ${i.platformUsername ?? i.platformUserId}` }))} />
          ) : null}
        </CardHeader>
        <CardContent>
          <IdentitiesTable rows={JSON.parse(JSON.stringify(person.identities))} canEdit={canWrite} />
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        {routes ? (
          <Card>
            <CardHeader>
              <CardTitle>Routes</CardTitle>
              <CardDescription>User-scope routes that target this person.</CardDescription>
            </CardHeader>
            <CardContent>
              {routes.length ? (
                <ul className="divide-y divide-border rounded-lg border border-border">
                  {routes.map((r) => (
                    <li key={r.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-[13px]">
                      <div className="min-w-0">
                        <p className="truncate font-medium" title={r.label || r.agent.name}>{r.label || r.agent.name}</p>
                        <p className="truncate text-xs text-fg-muted" title={`${r.instance.name} → ${r.agent.name} · priority ${r.priority}`}>{r.instance.name} → {r.agent.name} · priority {r.priority}</p>
                      </div>
                      {r.active ? <Badge tone="success" dot>Active</Badge> : <Badge dot>Inactive</Badge>}
                    </li>
                  ))}
                </ul>
              ) : <EmptyState bare icon={<RouteIcon />} title="No routes target this person" description="The chat's route or the instance's default agent answers them." />}
            </CardContent>
          </Card>
        ) : null}
        {history ? (
          <Card>
            <CardHeader>
              <CardTitle>History</CardTitle>
              <CardDescription>Every audited change that concerns this person.</CardDescription>
            </CardHeader>
            <CardContent>
              {history.length ? (
                <ol className="space-y-0.5" aria-label="Audit history">
                  {history.map((e) => (
                    <li key={e.id}>
                      <Link href={`/audit/${e.id}`} className="flex items-start justify-between gap-3 rounded-md px-2.5 py-2 text-[13px] hover:bg-muted">
                        <div className="min-w-0">
                          <p className="font-medium">{ACTION_LABELS[e.action] ?? e.action} <span className="font-normal text-fg-muted">by {e.actor.label ?? "system"}</span></p>
                          {e.reason ? <p className="truncate text-xs text-fg-muted" title={e.reason}>“{e.reason}”</p> : null}
                        </div>
                        <time className="shrink-0 text-xs text-fg-muted" dateTime={new Date(e.at).toISOString()} title={dateTime(e.at)}>{relativeTime(e.at)}</time>
                      </Link>
                    </li>
                  ))}
                </ol>
              ) : <EmptyState bare icon={<History />} title="No history yet" />}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
