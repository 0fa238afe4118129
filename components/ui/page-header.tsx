import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Right-aligned actions (buttons, links). */
  actions?: ReactNode;
  /** Small element above the title, e.g. a back link. */
  eyebrow?: ReactNode;
  className?: string;
}

/** The page's <h1> with description and actions, one per page; on narrow screens the actions go under the title and wrap. */
export function PageHeader({ title, description, actions, eyebrow, className }: PageHeaderProps) {
  return (
    <div className={cn("mb-6 flex flex-col gap-x-6 gap-y-4 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between", className)}>
      <div className="min-w-0 sm:flex-1 sm:basis-80">
        {eyebrow ? <div className="mb-2 text-[13px] text-fg-muted">{eyebrow}</div> : null}
        <h1 className="text-xl [overflow-wrap:anywhere] leading-7 font-semibold tracking-tight text-fg">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-sm [overflow-wrap:anywhere] leading-6 text-fg-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
