import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { idSchema } from "@/lib/schemas/common";
import { allInstances } from "@/lib/catalog/instances";
import { chatOption, personOption } from "@/lib/routes/pickers";
import { MetricsPanel } from "../metrics-panel";
import { RouteTester } from "./route-tester";

export const metadata = { title: "Route tester" };

type SP = Record<string, string | string[] | undefined>;

export default async function RouteTestPage({ searchParams }: { searchParams: Promise<SP> }) {
  const p = await requirePagePrincipal();
  const sp = await searchParams;
  const id = (k: string) => (typeof sp[k] === "string" && idSchema.safeParse(sp[k]).success ? (sp[k] as string) : null);
  const [instances, chat, person] = await Promise.all([
    allInstances(p),
    id("chat") ? chatOption(p, id("chat")!) : null,
    id("person") ? personOption(p, id("person")!) : null,
  ]);
  const instanceId = id("instance") ?? chat?.instanceId ?? (instances.length === 1 ? instances[0].id : null);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/routes" className="inline-flex items-center gap-1 hover:text-fg"><ArrowLeft aria-hidden="true" className="size-3.5" />Routes</Link>}
        title="Route tester"
        description="Pick an instance and a chat and/or a person: see which agent answers, from which route, and why every other candidate lost."
      />
      <div className="space-y-6">
        <RouteTester
          instances={instances.map((i) => ({ id: i.id, name: i.name, channel: i.channel, defaultAgent: i.defaultAgent?.name ?? null }))}
          initial={{
            instanceId,
            chat: chat ? { value: chat.id, label: chat.title || chat.externalId } : null,
            person: person ? { value: person.id, label: person.displayName || person.primaryPhone || "Unnamed person" } : null,
          }}
          autoRun={!!instanceId && !!(chat || person)}
        />
        <MetricsPanel />
      </div>
    </>
  );
}
