import { cn } from "@/lib/utils/cn";

/** Omni product mark: a rounded accent tile with a hub-and-spokes glyph. Decorative. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-fg shadow-[var(--shadow-sm)]",
        className,
      )}
    >
      <svg viewBox="0 0 24 24" fill="none" className="size-[62%]">
        <circle cx="12" cy="12" r="3.25" fill="currentColor" />
        <circle cx="12" cy="12" r="8" stroke="currentColor" strokeWidth="2" strokeDasharray="3.2 3.1" strokeLinecap="round" />
      </svg>
    </span>
  );
}
