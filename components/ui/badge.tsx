import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: "bg-muted text-fg-muted ring-border", dot: "bg-fg-muted" },
  accent: { badge: "bg-accent/10 text-accent ring-accent/25", dot: "bg-accent" },
  success: { badge: "bg-success/10 text-success ring-success/25", dot: "bg-success" },
  warning: { badge: "bg-warning/10 text-warning ring-warning/25", dot: "bg-warning" },
  danger: { badge: "bg-danger/10 text-danger ring-danger/25", dot: "bg-danger" },
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  /** Leading status dot. */
  dot?: boolean;
}

export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full px-2 text-xs leading-none font-medium whitespace-nowrap ring-1 ring-inset [&_svg]:size-3 [&_svg]:shrink-0",
        tones[tone].badge,
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn("size-1.5 rounded-full", tones[tone].dot)} /> : null}
      {children}
    </span>
  );
}
