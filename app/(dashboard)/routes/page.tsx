import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { routeListQuerySchema } from "@/lib/routes/schemas";
import { listRoutes } from "@/lib/routes/list-routes";
import { etagOf } from "@/lib/api/etag";
import { allAgents } from "@/lib/catalog/agents";
import { allInstances } from "@/lib/catalog/instances";
import { RoutesView } from "./routes-view";
import { MetricsPanel } from "./metrics-panel";
import { RouteFormDialog } from "./route-form-dialog";

export const metadata = { title: "Routes" };

type SP = Record<string, string | string[] | undefined>;
const PAGE_SIZES = [10, 25, 50, 100];

export default async function RoutesPage({ searchParams }: { searchParams: Promise<SP> }) {
  const p = await requirePagePrincipal();
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const size = PAGE_SIZES.includes(Number(one("size"))) ? Number(one("size")) : 25;
  const page = Math.max(1, Math.floor(Number(one("page")) || 1));
  const parsed = routeListQuerySchema.safeParse({
    instance: one("instance"), scope: one("scope"), active: one("active"), agent: one("agent"), q: one("q") || undefined,
    sort: one("sort") ?? "updatedAt", order: one("order"), limit: size, offset: (page - 1) * size, count: "true",
  });
  const query = parsed.success ? parsed.data : routeListQuerySchema.parse({ sort: "updatedAt", limit: size, count: "true" });

  const [routes, instances, agents] = await Promise.all([listRoutes(p, query), allInstances(p), allAgents(p)]);
  const canWrite = hasScope(p.scopes, "routes:write");
  const instanceOptions = instances.map((i) => ({ id: i.id, name: i.name, channel: i.channel, defaultAgent: i.defaultAgent?.name ?? null }));
  const agentOptions = agents.map((a) => ({ id: a.id, name: a.name }));
  const ready = instances.length > 0 && agents.length > 0;

  return (
    <>
      <PageHeader
        title="Agent routes"
        description="Which AI agent answers which chat or person on each instance. A chat route beats a person's route; higher priority wins."
        actions={
          <>
            <Link href="/routes/test" className={buttonClasses({ variant: "secondary", size: "sm" })}>
              <FlaskConical aria-hidden="true" />
              Test a route
            </Link>
            {canWrite && ready ? <RouteFormDialog key={query.instance ?? "all"} mode="create" instances={instanceOptions} agents={agentOptions} defaultInstanceId={query.instance} /> : null}
          </>
        }
      />
      <div className="space-y-6">
        <RoutesView
          page={{ items: routes.items.map((r) => ({ ...r, version: etagOf(r) })), total: routes.total ?? 0 }}
          query={{
            instance: query.instance ?? "", scope: query.scope ?? "", active: query.active === undefined ? "" : String(query.active),
            agent: query.agent ?? "", q: query.q ?? "", sort: query.sort, order: query.order, page, size,
          }}
          instances={instanceOptions}
          agents={agentOptions}
          canWrite={canWrite}
          ready={ready}
        />
        <MetricsPanel />
      </div>
    </>
  );
}
