// The page of a person id that was merged away: who merged it, when and why, and a link to the
// person it went into (following later merges to the person that exists now).
import Link from "next/link";
import { GitMerge } from "lucide-react";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { dateTime } from "@/lib/format/date-time";
import type { describeMergedAway } from "@/lib/persons/merged-away";

type Merged = NonNullable<Awaited<ReturnType<typeof describeMergedAway>>>;

export function MergedAwayPanel({ merged }: { merged: Merged }) {
  const survivor = merged.survivorName || "the surviving person";
  return (
    <div className="space-y-6">
      <BackLink href="/persons">All persons</BackLink>
      <h1 className="sr-only">Person merged away</h1>
      <EmptyState
        icon={<GitMerge />}
        title="This person was merged into another"
        description={
          <>
            {merged.action === "identity.link" ? "Linking identities" : "A merge"} by <strong>{merged.by ?? "someone"}</strong> on{" "}
            <time dateTime={merged.mergedAt}>{dateTime(merged.mergedAt)}</time> moved everything about this person to{" "}
            <strong>{survivor}</strong>.{merged.reason ? <> Reason: “{merged.reason}”.</> : null} Integrations keyed on this id should use{" "}
            <code className="font-mono text-xs">{merged.mergedInto}</code> now.
          </>
        }
        action={<Link href={`/persons/${merged.mergedInto}`} className={buttonClasses({ variant: "primary" })}>Open {survivor}</Link>}
      />
    </div>
  );
}
