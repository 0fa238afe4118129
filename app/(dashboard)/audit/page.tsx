import { ScrollText } from "lucide-react";
import { SectionPlaceholder } from "@/components/section-placeholder";
import { requirePagePrincipal } from "@/lib/auth/session";

export const metadata = { title: "Audit log · Omni Admin" };

export default async function AuditPage() {
  await requirePagePrincipal(["admin", "lead"]);
  return (
    <SectionPlaceholder
      title="Audit log"
      description="Every change, who made it, when and why."
      icon={<ScrollText />}
      note="Events are already being recorded and hash-chained; the review screen is on its way."
    />
  );
}
