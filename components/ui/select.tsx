import { forwardRef, type SelectHTMLAttributes } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { controlClasses } from "./input";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  /** Convenience: render these options (children still work too). */
  options?: ReadonlyArray<SelectOption>;
  /** Adds a first empty-value option with this text. */
  placeholder?: string;
  /** Height: "md" (36px, default) or "sm" (32px, for toolbars/pagination). */
  controlSize?: "sm" | "md";
}

/** Styled native <select>: fully keyboard- and screen-reader-accessible. */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { className, options, placeholder, controlSize = "md", children, ...props },
  ref,
) {
  return (
    <div className={cn("relative", props.disabled && "opacity-70", className)}>
      <select
        ref={ref}
        className={cn(
          controlClasses,
          "appearance-none pr-8 pl-3",
          controlSize === "sm" ? "h-8 text-[13px]" : "h-9",
          "disabled:opacity-100",
        )}
        {...props}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-fg-muted"
      />
    </div>
  );
});
