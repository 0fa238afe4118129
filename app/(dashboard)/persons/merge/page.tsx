import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { idSchema } from "@/lib/schemas/common";
import { personListItems } from "@/lib/persons/search-persons";
import { redirect } from "next/navigation";
import { MergeWorkbench } from "./merge-workbench";

export const metadata = { title: "Merge persons" };

export default async function MergePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await requirePagePrincipal();
  if (!hasScope(p.scopes, "persons:write")) redirect("/forbidden");
  const sp = await searchParams;
  const pick = (v: unknown) => (typeof v === "string" && idSchema.safeParse(v).success ? v : null);
  const [sourceId, targetId] = [pick(sp.source), pick(sp.target)];
  const found = await personListItems(p, [sourceId, targetId].filter((x): x is string => !!x));
  const byId = (id: string | null) => (id ? found.find((f) => f.id === id) ?? null : null);
  return (
    <>
      <PageHeader title="Merge persons" description="Pick the duplicate (source) and the person to keep (target), check what moves, give a reason, confirm." />
      <MergeWorkbench initialSource={JSON.parse(JSON.stringify(byId(sourceId)))} initialTarget={JSON.parse(JSON.stringify(byId(targetId)))} />
    </>
  );
}
