import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** Small inline loading indicator. Decorative: pair it with visible text or aria-busy. */
export function Spinner({ className }: { className?: string }) {
  return <LoaderCircle aria-hidden="true" className={cn("size-4 shrink-0 animate-spin", className)} />;
}
