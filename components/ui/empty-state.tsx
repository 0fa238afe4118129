import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export interface EmptyStateProps {
  /** An icon element, e.g. `<Inbox />` from lucide-react. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Usually a Button. */
  action?: ReactNode;
  /** Drop the dashed frame when placed inside another container (e.g. a table). */
  bare?: boolean;
  className?: string;
}

export function EmptyState({ icon, title, description, action, bare = false, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center px-6 py-12 text-center",
        !bare && "rounded-lg border border-dashed border-border bg-surface/60",
        className,
      )}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="mb-4 flex size-10 items-center justify-center rounded-lg border border-border bg-muted text-fg-muted [&_svg]:size-5"
        >
          {icon}
        </div>
      ) : null}
      <h3 className="text-sm font-semibold text-fg">{title}</h3>
      {description ? <p className="mt-1 max-w-sm text-[13px] leading-5 text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-5 flex items-center gap-2">{action}</div> : null}
    </div>
  );
}
