import Link from "next/link";
import { BookOpen } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { DEFAULT_KEY_RATE_LIMIT } from "@/lib/api/rate-limit";
import { listApiKeys } from "@/lib/keys/list-keys";
import { etagOf } from "@/lib/api/etag";
import { type KeyView } from "@/lib/keys/key-records";
import { allInstances } from "@/lib/catalog/instances";
import { KeysView } from "./keys-view";

export const metadata = { title: "API keys" };

const STATUSES = ["active", "revoked", "expired"] as const;

export default async function KeysPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  // keys:read opens the page (admins, team leads); only keys:write gets the buttons that change keys.
  const p = await requirePagePrincipal("keys:read");
  const canWrite = hasScope(p.scopes, "keys:write");
  const { status } = await searchParams;
  const rows: KeyView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApiKeys(p, { limit: 200, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < 2000);
  const instances = (await allInstances(p)).map((i) => ({ id: i.id, name: i.name, channel: i.channel }));
  return (
    <>
      <PageHeader
        title="API keys"
        description={canWrite
          ? "Scoped keys for scripts and integrations. Each key can be limited to some instances, a request rate and an expiry, and revoked in one click."
          : "Scoped keys for scripts and integrations (read-only: an admin creates, changes and revokes them)."}
        actions={
          <Link href="/api-docs" className={buttonClasses({ variant: "secondary", size: "sm" })}>
            <BookOpen aria-hidden="true" className="size-4" />
            API reference
          </Link>
        }
      />
      <KeysView rows={rows.map((r) => ({ ...r, version: etagOf(r) }))} instances={instances} defaultRateLimit={DEFAULT_KEY_RATE_LIMIT}
        initialStatus={STATUSES.find((s) => s === status) ?? "all"} canWrite={canWrite} />
    </>
  );
}
