import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

/** Shared look for text-like controls (input, textarea, select). */
export const controlClasses =
  "w-full min-w-0 rounded-md border border-border bg-surface text-sm text-fg shadow-[var(--shadow-sm)] outline-none " +
  "transition-[border-color,box-shadow] duration-150 placeholder:text-fg-subtle " +
  "hover:border-fg-muted/40 focus:border-accent focus:ring-3 focus:ring-accent/35 " +
  "disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-70 read-only:bg-muted/60 " +
  "aria-invalid:border-danger aria-invalid:focus:ring-danger/20";

export type InputProps = InputHTMLAttributes<HTMLInputElement>;

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ className, type = "text", ...props }, ref) {
  return (
    <input
      ref={ref}
      type={type}
      className={cn(
        controlClasses,
        "h-9 px-3 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-fg",
        className,
      )}
      {...props}
    />
  );
});
