import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title="You don't have access to this page"
      description="Your role does not include this section. Ask an admin if you need it."
      action={<Link href="/routes" className={buttonClasses({ variant: "secondary" })}>Back to routes</Link>}
    />
  );
}
