import type { ReactNode } from "react";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** "← All persons": the way back to the list a detail page belongs to. */
export function BackLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-1.5 text-[13px] text-fg-muted hover:text-fg", className)}>
      <ArrowLeft className="size-3.5" aria-hidden="true" /> {children}
    </Link>
  );
}
