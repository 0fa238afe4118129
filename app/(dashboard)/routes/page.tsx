import { Route } from "lucide-react";
import { SectionPlaceholder } from "@/components/section-placeholder";
import { requirePagePrincipal } from "@/lib/auth/session";

export const metadata = { title: "Routes · Omni Admin" };

export default async function RoutesPage() {
  await requirePagePrincipal();
  return (
    <SectionPlaceholder
      title="Agent routes"
      description="Which AI agent answers which chat or person on each instance."
      icon={<Route />}
      note="Route management is on its way. Meanwhile, set an instance's default agent under Instances & agents."
    />
  );
}
