import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { auditActors, listAudit } from "@/lib/audit/read-audit";
import { auditListQuerySchema } from "@/lib/audit/schemas";
import { validationError } from "@/lib/errors";
import { issueFields, loadList } from "@/lib/utils/list-failure";
import { urlPaging } from "@/lib/utils/url-paging";
import { auditQueryOf } from "@/lib/audit/rules/audit-query";
import { AuditBrowser, type AuditRow } from "./audit-browser";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Needs audit:read (admins and team leads; viewers are sent to /forbidden).
  const p = await requirePagePrincipal("audit:read");
  const sp = await searchParams;
  // The address holds every filter and the page: reload, Back and bookmarks show the same list.
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(str(k)) ? str(k) : "");
  const filters = { action: str("action"), actorId: str("actorId"), subject: str("personId") || str("targetId"), from: day("from"), to: day("to") };
  const { size, cursor } = urlPaging(sp);
  const [actors, { page, failure }] = await Promise.all([
    auditActors(p),
    loadList("The audit log", { items: [] as AuditRow[], nextCursor: null as string | null }, async () => {
      const parsed = auditListQuerySchema.safeParse({ limit: size, cursor, ...auditQueryOf(filters) });
      if (!parsed.success) throw validationError("Invalid filters.", issueFields(parsed.error.issues));
      return JSON.parse(JSON.stringify(await listAudit(p, parsed.data)));
    }),
  ]);
  return (
    <>
      <PageHeader title="Audit log" description="Every change: who made it, when, why, and what it looked like before. Append-only and hash-chained." />
      <AuditBrowser page={page} failure={failure} actors={actors} filters={filters} />
    </>
  );
}
