import type { ReactNode } from "react";
import { CircleCheck, CircleExclamationPoint, Info, TriangleExclamationPoint } from "lucide-react";
import { cn } from "@/lib/utils/cn";

export type AlertTone = "error" | "warning" | "info" | "success";

const tones: Record<AlertTone, { box: string; icon: ReactNode }> = {
  error: { box: "border-danger/30 bg-danger/8 [&_[data-icon]]:text-danger", icon: <CircleExclamationPoint /> },
  warning: { box: "border-warning/30 bg-warning/8 [&_[data-icon]]:text-warning", icon: <TriangleExclamationPoint /> },
  info: { box: "border-accent/30 bg-accent/8 [&_[data-icon]]:text-accent", icon: <Info /> },
  success: { box: "border-success/30 bg-success/8 [&_[data-icon]]:text-success", icon: <CircleCheck /> },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Trailing element, e.g. a retry Button. */
  action?: ReactNode;
  className?: string;
  id?: string;
}

/** Inline message box. Errors use role="alert" (announced immediately); others role="status". */
export function Alert({ tone = "info", title, children, action, className, id }: AlertProps) {
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex items-start gap-3 rounded-md border px-3.5 py-3 text-[13px] leading-5 text-fg", tones[tone].box, className)}
    >
      <span data-icon aria-hidden="true" className="mt-0.5 shrink-0 [&_svg]:size-4">
        {tones[tone].icon}
      </span>
      <div className="min-w-0 flex-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title ? "mt-0.5 text-fg-muted" : undefined)}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0 self-center">{action}</div> : null}
    </div>
  );
}
