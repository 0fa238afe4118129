import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

type DivProps = HTMLAttributes<HTMLDivElement>;

export function Card({ className, ...props }: DivProps) {
  return (
    <div
      className={cn("rounded-lg border border-border bg-surface text-fg shadow-[var(--shadow-sm)]", className)}
      {...props}
    />
  );
}

/** Title row; put CardTitle/CardDescription inside, and optional actions as a trailing child. */
export function CardHeader({ className, ...props }: DivProps) {
  return <div className={cn("flex items-start justify-between gap-4 px-5 pt-5 pb-3", className)} {...props} />;
}

export function CardTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 className={cn("text-[15px] leading-6 font-semibold tracking-tight text-fg", className)} {...props} />;
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn("mt-0.5 text-[13px] leading-5 text-fg-muted", className)} {...props} />;
}

export function CardContent({ className, ...props }: DivProps) {
  return <div className={cn("px-5 pb-5", className)} {...props} />;
}

export function CardFooter({ className, ...props }: DivProps) {
  return (
    <div
      className={cn(
        "flex items-center justify-end gap-2 rounded-b-lg border-t border-border bg-muted/40 px-5 py-3",
        className,
      )}
      {...props}
    />
  );
}
