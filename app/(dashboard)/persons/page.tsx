import Link from "next/link";
import { GitMerge, ScanSearch } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { searchPersons } from "@/lib/persons/search-persons";
import { personSearchQuerySchema } from "@/lib/persons/schemas";
import { validationError } from "@/lib/errors";
import { issueFields, loadList } from "@/lib/utils/list-failure";
import { urlPaging } from "@/lib/utils/url-paging";
import { PersonsBrowser, type PersonRow } from "./persons-browser";

export const metadata = { title: "Persons" };

export default async function PersonsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal();
  const sp = await searchParams;
  // The address holds the whole state (query, channel, page): reload, Back and bookmarks work.
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const channel = typeof sp.channel === "string" ? sp.channel : "";
  const { size, cursor } = urlPaging(sp);
  const { page, failure } = await loadList("The search", { items: [] as PersonRow[], nextCursor: null as string | null }, async () => {
    const parsed = personSearchQuerySchema.safeParse({ q, limit: size, cursor, channel: channel || undefined });
    if (!parsed.success) throw validationError("Invalid search.", issueFields(parsed.error.issues));
    return JSON.parse(JSON.stringify(await searchPersons(p, parsed.data)));
  });
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
      <PersonsBrowser query={q} channel={channel} page={page} failure={failure} />
    </>
  );
}
