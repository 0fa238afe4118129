// The signed-in user's live sessions: where (browser, address), since when, last seen.
import { userAgentFromString } from "next/server";
import { Monitor, Smartphone } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { dateTime } from "@/lib/format/date-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { OwnSession } from "@/lib/users/account";

/** IPv4 seen through an IPv6 socket ("::ffff:10.0.0.1") shown as plain IPv4. */
const displayIp = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
/** "Chrome 159 on Windows 10" (Next's bundled ua-parser-js); null when the string says neither. */
function describeAgent(ua: string | null): { label: string; mobile: boolean } | null {
  if (!ua) return null;
  const { browser, os, device } = userAgentFromString(ua);
  if (!browser.name && !os.name) return null;
  const b = [browser.name, browser.major].filter(Boolean).join(" ");
  const o = [os.name, os.version].filter(Boolean).join(" ");
  return { label: b && o ? `${b} on ${o}` : b || o, mobile: device.type === "mobile" || device.type === "tablet" };
}
const when = (d: Date) => <time dateTime={d.toISOString()} title={dateTime(d)}>{relativeTime(d)}</time>;

export function SessionsList({ sessions }: { sessions: OwnSession[] }) {
  if (!sessions.length) return <EmptyState icon={<Monitor />} title="No live sessions" description="Sessions appear here once you sign in." />;
  return (
    <ul aria-label="Your sessions" className="divide-y divide-border rounded-md border border-border">
      {sessions.map((s) => {
        const agent = describeAgent(s.userAgent);
        const Icon = agent?.mobile ? Smartphone : Monitor;
        return (
          <li key={s.id} className="flex items-start gap-3 px-4 py-3">
            <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-fg-muted" />
            <div className="min-w-0 flex-1 text-[13px]">
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <span className="min-w-0 max-w-full truncate font-medium text-fg" title={s.userAgent ?? undefined}>
                  {agent?.label ?? s.userAgent ?? "Unknown browser"}
                </span>
                {s.current ? <Badge tone="accent">this session</Badge> : null}
              </div>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-fg-muted" suppressHydrationWarning>
                <span>IP <span className="font-mono">{s.ip ? displayIp(s.ip) : "unknown"}</span></span>
                <span>Signed in {when(s.createdAt)}</span>
                <span>Last seen {when(s.lastSeenAt)}</span>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
