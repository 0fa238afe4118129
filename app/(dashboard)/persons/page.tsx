import Link from "next/link";
import { GitMerge, ScanSearch } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { searchPersons } from "@/lib/persons/search-persons";
import { personSearchQuerySchema } from "@/lib/persons/schemas";
import { PersonsBrowser } from "./persons-browser";

export const metadata = { title: "Persons" };

export default async function PersonsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal();
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const parsed = personSearchQuerySchema.parse({ q, limit: 25 });
  const first = await searchPersons(p, parsed);
  const canWrite = hasScope(p.scopes, "persons:write");
  return (
    <>
      <PageHeader
        title="Persons"
        description="The people behind every chat: their identities on each channel, presence and history."
        actions={
          <div className="flex gap-2">
            <Link href="/persons/duplicates" className={buttonClasses({ variant: "secondary", size: "sm" })}>
              <ScanSearch aria-hidden="true" /> Possible duplicates
            </Link>
            {canWrite ? (
              <Link href="/persons/merge" className={buttonClasses({ variant: "primary", size: "sm" })}>
                <GitMerge aria-hidden="true" /> Merge persons
              </Link>
            ) : null}
          </div>
        }
      />
      <PersonsBrowser initialQuery={q} initial={JSON.parse(JSON.stringify(first))} />
    </>
  );
}
