"use client";
// The one search box of the list pages: a magnifier, the text, and a clear button while there is
// text. Escape clears it too (and only then stops there: with nothing to clear, Escape goes on to
// close whatever dialog holds the box). Clearing keeps the focus in the box.
import { forwardRef, useImperativeHandle, useRef, type KeyboardEvent } from "react";
import { Search, X } from "lucide-react";
import { Input, type InputProps } from "@/components/ui/input";
import { cn } from "@/lib/utils/cn";

export type SearchInputProps = Omit<InputProps, "type" | "value" | "onChange" | "size"> & {
  /** The text shown. */
  value: string;
  /** Called with the new text on typing, and with "" on clear (button or Escape). */
  onValueChange: (value: string) => void;
  /** "md" (36 px, the default) or "sm" (32 px, for filter bars). */
  size?: "sm" | "md";
  /** Classes of the wrapper (width, flex); `inputClassName` for the input itself. */
  className?: string;
  inputClassName?: string;
};

/** A `type="search"` input (role searchbox; give it an `aria-label`) with a "Clear search" button. */
export const SearchInput = forwardRef<HTMLInputElement, SearchInputProps>(function SearchInput(
  { value, onValueChange, size = "md", className, inputClassName, onKeyDown, ...props },
  ref,
) {
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!, []);
  const clear = () => {
    onValueChange("");
    input.current?.focus();
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(e);
    if (e.defaultPrevented || e.key !== "Escape" || !value) return;
    e.preventDefault(); // also stops the browser's own clearing of a search field
    e.stopPropagation();
    clear();
  };
  const sm = size === "sm";
  return (
    <div className={cn("relative", className)}>
      <Search aria-hidden="true" className={cn("pointer-events-none absolute top-1/2 size-4 -translate-y-1/2 text-fg-muted", sm ? "left-2.5" : "left-3")} />
      <Input
        ref={input}
        type="search"
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        onKeyDown={keyDown}
        autoComplete="off"
        spellCheck={false}
        className={cn("[&::-webkit-search-cancel-button]:appearance-none", sm ? "h-8 pr-8 pl-8 text-[13px]" : "pr-9 pl-9", inputClassName)}
        {...props}
      />
      {value ? (
        <button type="button" aria-label="Clear search" title="Clear search (Esc)" onClick={clear}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-fg-muted hover:bg-muted hover:text-fg focus-visible:ring-3 focus-visible:ring-accent/35 focus-visible:outline-none">
          <X className="size-3.5" aria-hidden="true" />
        </button>
      ) : null}
    </div>
  );
});
