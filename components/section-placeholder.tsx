import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

/** A section whose screens are not built yet: says so plainly, and where to go meanwhile. */
export function SectionPlaceholder({ title, description, icon, note }: { title: string; description: string; icon: ReactNode; note: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title="Not available in this build yet" description={note} />
    </>
  );
}
