"use client";

import { useEffect, useRef, useState, type HTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

export interface ScrollRegionProps extends HTMLAttributes<HTMLElement> {
  /** Accessible name of the region (announced when it takes focus), e.g. "Request body example". */
  label: string;
  /** Render a <pre> (code) instead of a <div>. */
  as?: "div" | "pre";
}

/**
 * A horizontally scrolling box that keyboard users can scroll too (WCAG 2.1.1): while its content is
 * wider than the box it is a focusable, named region (Tab to it, then the arrow keys scroll); when
 * everything fits it is a plain box with no extra tab stop.
 */
export function ScrollRegion({ label, as = "div", className, children, ...props }: ScrollRegionProps) {
  const ref = useRef<HTMLElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);

  const Tag = as;
  return (
    <Tag
      ref={ref as never}
      className={cn("overflow-x-auto focus-visible:outline-offset-[-2px]", className)}
      {...(overflowing ? { tabIndex: 0, role: "region", "aria-label": label } : {})}
      {...props}
    >
      {children}
    </Tag>
  );
}
