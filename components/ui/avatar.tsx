/* eslint-disable @next/next/no-img-element -- avatars are arbitrary external URLs (img-src https: in the CSP) */
"use client";
import { useState } from "react";
import { cn } from "@/lib/utils/cn";
import { initials } from "@/lib/format/text";

// 700 shades: white initials on each keep at least 4.5:1 (WCAG AA), in both themes.
const PALETTE = ["bg-indigo-700", "bg-sky-700", "bg-emerald-700", "bg-amber-700", "bg-rose-700", "bg-violet-700", "bg-teal-700", "bg-orange-700"];


function colorOf(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** A round picture, or the initials on a colour derived from the id when there is none (or it fails to load). */
export function Avatar({ src, name, seed, size = "md", className }: { src?: string | null; name?: string | null; seed: string; size?: "sm" | "md" | "lg"; className?: string }) {
  const [failed, setFailed] = useState(false);
  const box = size === "sm" ? "size-7 text-[11px]" : size === "lg" ? "size-14 text-lg" : "size-8 text-xs";
  if (src && !failed) {
    return <img src={src} alt="" onError={() => setFailed(true)} referrerPolicy="no-referrer" className={cn("shrink-0 rounded-full object-cover ring-1 ring-border", box, className)} />;
  }
  return (
    <span aria-hidden="true" className={cn("inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white", box, colorOf(seed), className)}>
      {initials(name)}
    </span>
  );
}
