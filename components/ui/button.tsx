import { forwardRef, type ButtonHTMLAttributes } from "react";
import { Slot, Slottable } from "@radix-ui/react-slot";
import { cn } from "@/lib/utils/cn";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "icon" | "icon-sm";

const base =
  "relative inline-flex shrink-0 select-none items-center justify-center gap-2 whitespace-nowrap rounded-md font-medium " +
  "transition-[background-color,border-color,color,box-shadow] duration-150 " +
  "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50 " +
  "[&_svg]:pointer-events-none [&_svg]:shrink-0";

const variants: Record<ButtonVariant, string> = {
  primary:
    "bg-accent text-accent-fg shadow-[var(--shadow-sm)] hover:bg-accent/90 active:bg-accent/85",
  secondary:
    "border border-border bg-surface text-fg shadow-[var(--shadow-sm)] hover:bg-muted active:bg-muted/80",
  ghost: "text-fg-muted hover:bg-muted hover:text-fg active:bg-muted/80",
  danger:
    "bg-danger text-[var(--danger-fg)] shadow-[var(--shadow-sm)] hover:bg-danger/90 active:bg-danger/85",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-2.5 text-[13px] [&_svg]:size-3.5",
  md: "h-9 px-3.5 text-sm [&_svg]:size-4",
  icon: "size-9 [&_svg]:size-4",
  "icon-sm": "size-8 [&_svg]:size-3.5",
};

/** Class names for a button look, e.g. to style a <Link> without asChild. */
export function buttonClasses({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(base, variants[variant], sizes[size], className);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, sets aria-busy and disables the button. */
  loading?: boolean;
  /** Render the single child element (e.g. a <Link>) with button styles instead of a <button>. */
  asChild?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", loading = false, asChild = false, disabled, className, children, type, ...props },
  ref,
) {
  const isDisabled = disabled || loading;
  const classes = buttonClasses({ variant, size, className });

  if (asChild) {
    return (
      <Slot ref={ref} className={classes} aria-disabled={isDisabled || undefined} aria-busy={loading || undefined} {...props}>
        {loading ? <Spinner /> : null}
        <Slottable>{children}</Slottable>
      </Slot>
    );
  }

  const iconOnly = size === "icon" || size === "icon-sm";
  return (
    <button
      ref={ref}
      type={type ?? "button"}
      className={classes}
      disabled={isDisabled}
      aria-busy={loading || undefined}
      {...props}
    >
      {loading ? <Spinner /> : null}
      {loading && iconOnly ? <span className="sr-only">{children}</span> : children}
    </button>
  );
});
