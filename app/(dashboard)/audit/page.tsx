import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { auditActors, listAudit } from "@/lib/audit/read-audit";
import { auditListQuerySchema } from "@/lib/audit/schemas";
import { AuditBrowser } from "./audit-browser";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Needs audit:read (admins and team leads; viewers are sent to /forbidden).
  const p = await requirePagePrincipal("audit:read");
  const sp = await searchParams;
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const initialFilters = { action: str("action") ?? "", actorId: str("actorId") ?? "", subject: str("personId") ?? str("targetId") ?? "", from: "", to: "" };
  const parsed = auditListQuerySchema.safeParse({ limit: 25, action: initialFilters.action || undefined, actorId: initialFilters.actorId || undefined, targetId: initialFilters.subject || undefined });
  const [first, actors] = await Promise.all([
    listAudit(p, parsed.success ? parsed.data : auditListQuerySchema.parse({ limit: 25 })),
    auditActors(p),
  ]);
  return (
    <>
      <PageHeader title="Audit log" description="Every change: who made it, when, why, and what it looked like before. Append-only and hash-chained." />
      <AuditBrowser initial={JSON.parse(JSON.stringify(first))} actors={actors} initialFilters={initialFilters} />
    </>
  );
}
