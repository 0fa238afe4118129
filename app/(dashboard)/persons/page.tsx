import { Users } from "lucide-react";
import { SectionPlaceholder } from "@/components/section-placeholder";
import { requirePagePrincipal } from "@/lib/auth/session";

export const metadata = { title: "Persons · Omni Admin" };

export default async function PersonsPage() {
  await requirePagePrincipal();
  return (
    <SectionPlaceholder
      title="Persons"
      description="People and their identities across every channel."
      icon={<Users />}
      note="The person directory (search, merge, link and unlink) is on its way."
    />
  );
}
