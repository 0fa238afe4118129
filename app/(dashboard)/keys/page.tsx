import { KeyRound } from "lucide-react";
import { SectionPlaceholder } from "@/components/section-placeholder";
import { requirePagePrincipal } from "@/lib/auth/session";

export const metadata = { title: "API keys · Omni Admin" };

export default async function KeysPage() {
  await requirePagePrincipal(["admin"]);
  return (
    <SectionPlaceholder
      title="API keys"
      description="Scoped keys for automation."
      icon={<KeyRound />}
      note={<>Key management is on its way. Until then, issue a key on the server with <code>npm run admin -- create-key --name NAME --scopes &quot;*&quot;</code>.</>}
    />
  );
}
