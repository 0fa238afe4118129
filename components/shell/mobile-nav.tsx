"use client";

import { useState, type ReactNode } from "react";
import Link from "next/link";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { overlayClasses } from "@/components/ui/dialog";
import { LogoMark } from "./logo-mark";
import { NavLinks } from "./nav-links";

/**
 * Below `md` the sidebar becomes this: a menu button in the header opening a drawer (Radix dialog:
 * focus trapped, Escape and the overlay close it) with the same data-driven nav items, labelled,
 * and `footer` (who is signed in, the role) under them. Closes when a link is followed.
 */
export function MobileNav({ scopes, footer }: { scopes: readonly string[]; footer?: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger
        aria-label="Open menu"
        className="-ml-1.5 inline-flex size-9 shrink-0 items-center justify-center rounded-md text-fg-muted transition-colors hover:bg-muted hover:text-fg md:hidden"
      >
        <Menu aria-hidden="true" className="size-5" />
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlayClasses} />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,calc(100vw-3rem))] flex-col border-r border-border bg-surface text-fg shadow-[var(--shadow-lg)] outline-none"
        >
          <div className="flex h-14 shrink-0 items-center justify-between gap-2 px-4">
            <Link href="/routes" onClick={() => setOpen(false)} className="flex min-w-0 items-center gap-2.5 rounded-md">
              <LogoMark />
              <DialogPrimitive.Title className="truncate text-[15px] font-semibold tracking-tight text-fg">
                Omni <span className="font-normal text-fg-muted">Admin</span>
              </DialogPrimitive.Title>
            </Link>
            <DialogPrimitive.Close
              aria-label="Close menu"
              className="inline-flex size-8 items-center justify-center rounded-md text-fg-muted transition-colors hover:bg-muted hover:text-fg"
            >
              <X aria-hidden="true" className="size-4" />
            </DialogPrimitive.Close>
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 pt-2 pb-4">
            <NavLinks scopes={scopes} expanded onNavigate={() => setOpen(false)} />
          </nav>
          {footer ? <div className="border-t border-border px-4 py-3">{footer}</div> : null}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
