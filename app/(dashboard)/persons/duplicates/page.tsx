import Link from "next/link";
import { count } from "@/lib/format/count";
import { ArrowRight, AtSign, CheckCircle2, Phone, UserRound } from "lucide-react";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button";
import { ChannelBadges } from "@/components/persons/channel-badge";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { duplicateSuggestions } from "@/lib/persons/find-duplicates";
import type { Evidence } from "@/lib/persons/rules/duplicates";
import type { PersonListItem } from "@/lib/persons/search-persons";

export const metadata = { title: "Possible duplicates" };

function EvidenceBadge({ e }: { e: Evidence }) {
  // A shared value can be as long as an email address may be: it truncates inside the badge
  // (the whole value in the tooltip) rather than widen the page.
  if (e.kind === "phone" || e.kind === "email") {
    const label = `Same ${e.kind} ${e.value}`;
    return (
      <Badge tone={e.kind === "phone" ? "danger" : "warning"} className="max-w-full min-w-0" title={label}>
        {e.kind === "phone" ? <Phone aria-hidden="true" /> : <AtSign aria-hidden="true" />}
        <span className="truncate">{label}</span>
      </Badge>
    );
  }
  return <Badge tone="accent"><UserRound aria-hidden="true" /> {e.distance === 0 ? "Same name" : "Near-identical name"} on different channels</Badge>;
}

function Side({ person, role }: { person: PersonListItem; role: string }) {
  return (
    <Link href={`/persons/${person.id}`} className="flex min-w-0 flex-1 items-center gap-3 rounded-md p-1 hover:bg-muted/60">
      <Avatar src={person.avatarUrl} name={person.displayName} seed={person.id} />
      <div className="min-w-0">
        <p className="text-[11px] font-medium tracking-wide text-fg-muted uppercase">{role}</p>
        <p className="truncate font-medium">{person.displayName || "Unnamed"}</p>
        <p className="truncate text-xs text-fg-muted">{[person.primaryPhone, person.primaryEmail, count(person.identityCount, "identity")].filter(Boolean).join(" · ")}</p>
        <div className="mt-1"><ChannelBadges channels={person.channels} /></div>
      </div>
    </Link>
  );
}

export default async function DuplicatesPage() {
  const p = await requirePagePrincipal();
  const suggestions = await duplicateSuggestions(p, 50);
  const canWrite = hasScope(p.scopes, "persons:write");
  return (
    <>
      <BackLink href="/persons" className="mb-3">All persons</BackLink>
      <PageHeader title="Possible duplicates"
        description="People who share a phone number or email, or have near-identical names on different channels. Review a pair to see exactly what a merge would move." />
      {suggestions.length ? (
        <ul className="space-y-3" aria-label="Duplicate suggestions">
          {suggestions.map((s) => (
            <li key={`${s.source.id}-${s.target.id}`}>
              <Card className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center">
                <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-center">
                  <Side person={s.source} role="Duplicate" />
                  <ArrowRight aria-hidden="true" className="hidden size-4 shrink-0 text-fg-muted sm:block" />
                  <Side person={s.target} role="Keep" />
                </div>
                <div className="flex flex-wrap items-center gap-1.5 lg:w-80 lg:justify-end">
                  {s.evidence.map((e, i) => <EvidenceBadge key={i} e={e} />)}
                </div>
                {canWrite ? (
                  <Link href={`/persons/merge?source=${s.source.id}&target=${s.target.id}`} className={buttonClasses({ variant: "secondary", size: "sm", className: "shrink-0" })}
                    aria-label={`Review merge of ${s.source.displayName ?? "person"} into ${s.target.displayName ?? "person"}`}>
                    Review merge
                  </Link>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon={<CheckCircle2 />} title="No likely duplicates" description="No two persons share a phone number or email, and no near-identical names appear across channels." />
      )}
    </>
  );
}
