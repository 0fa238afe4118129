import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { listDeliveries } from "@/lib/webhook-delivery/list-deliveries";
import { allInstances } from "@/lib/catalog/instances";
import { AUDIT_ACTIONS } from "@/lib/audit/rules/actions";
import { idSchema } from "@/lib/schemas/common";
import { etagOf } from "@/lib/api/etag";
import { WebhooksView } from "./webhooks-view";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  // webhooks:read opens the page (admins); webhooks:write gets the buttons that change endpoints.
  const p = await requirePagePrincipal("webhooks:read");
  const canWrite = hasScope(p.scopes, "webhooks:write");
  const { items } = await listWebhooks(p, { limit: 200 });
  const { id } = await searchParams;
  const selected = items.find((w) => w.id === id && idSchema.safeParse(id).success) ?? items[0] ?? null;
  const deliveries = selected ? (await listDeliveries(p, selected.id, { limit: 50 })).items : [];
  const instances = (await allInstances(p)).map((i) => ({ id: i.id, name: i.name, channel: i.channel }));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP callbacks for audit events (Standard Webhooks): every committed change is delivered at least once, retried for 24 h, in order per person."
      />
      <WebhooksView hooks={JSON.parse(JSON.stringify(items.map((w) => ({ ...w, version: etagOf(w) }))))} selectedId={selected?.id ?? null} deliveries={JSON.parse(JSON.stringify(deliveries))}
        instances={instances} actions={[...AUDIT_ACTIONS]} canWrite={canWrite} />
    </>
  );
}
