// The one way a table cell cuts text short: one line, an ellipsis, and the whole text in a
// tooltip (the native `title`, shown on hover and read by assistive tech) so nothing cut off is
// lost. Cuts between characters the browser draws whole, so emoji and flags never split. The text
// is direction-isolated (dir="auto"): a right-to-left name keeps its digits and punctuation in place.
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * `text` the full text (also the tooltip); `children` what to show instead, when it differs
 * (e.g. a link's label); `className` may set the width limit, e.g. "max-w-[16rem]" (default 20rem:
 * a table sizes an unlimited one-line cell to its whole text, so the cut would never happen).
 */
export function Truncate({ text, children, className }: { text: string; children?: ReactNode; className?: string }) {
  return (
    <span dir="auto" className={cn("block min-w-0 truncate [text-align:match-parent]", !className?.includes("max-w-") && "max-w-80", className)} title={text}>
      {children ?? text}
    </span>
  );
}
