// The signed-in user's live sessions: where (browser, address), since when, last seen.
import { Monitor } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { OwnSession } from "@/lib/users/account";

/** IPv4 seen through an IPv6 socket ("::ffff:10.0.0.1") shown as plain IPv4. */
const displayIp = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
const when = (d: Date) => <time dateTime={d.toISOString()} title={dateTime(d)}>{relativeTime(d)}</time>;

export function SessionsList({ sessions }: { sessions: OwnSession[] }) {
  if (!sessions.length) return <EmptyState icon={<Monitor />} title="No live sessions" description="Sessions appear here once you sign in." />;
  return (
    <ul aria-label="Your sessions" className="divide-y divide-border rounded-md border border-border">
      {sessions.map((s) => (
        <li key={s.id} className="flex items-start gap-3 px-4 py-3">
          <Monitor aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-fg-muted" />
          <div className="min-w-0 flex-1 text-[13px]">
            <div className="flex flex-wrap items-center gap-2">
              <span className="min-w-0 break-words font-medium text-fg">{s.userAgent || "Unknown browser"}</span>
              {s.current ? <Badge tone="accent">this session</Badge> : null}
            </div>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-fg-muted" suppressHydrationWarning>
              <span>IP <span className="font-mono">{s.ip ? displayIp(s.ip) : "unknown"}</span></span>
              <span>Signed in {when(s.createdAt)}</span>
              <span>Last seen {when(s.lastSeenAt)}</span>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
