"use client";
// A small menu (Radix dropdown): keyboard navigation, typeahead and focus return built in.
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { cn } from "@/lib/utils/cn";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;

export function DropdownMenuContent({ className, align = "end", ...props }: ComponentPropsWithoutRef<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={4}
        className={cn(
          "z-50 min-w-44 overflow-hidden rounded-lg border border-border bg-surface p-1 text-[13px] text-fg shadow-[var(--shadow-md)]",
          className,
        )}
        {...props}
      />
    </Menu.Portal>
  );
}

export function DropdownMenuItem({
  className, icon, destructive, children, ...props
}: ComponentPropsWithoutRef<typeof Menu.Item> & { icon?: ReactNode; destructive?: boolean }) {
  return (
    <Menu.Item
      className={cn(
        "flex h-8 cursor-default items-center gap-2 rounded-md px-2 select-none focus-visible:outline-offset-[-2px] data-[disabled]:opacity-50",
        destructive ? "text-danger data-[highlighted]:bg-danger/10" : "data-[highlighted]:bg-muted",
        "[&_svg]:size-4 [&_svg]:shrink-0",
        !destructive && "[&_svg]:text-fg-muted",
        className,
      )}
      {...props}
    >
      {icon}
      {children}
    </Menu.Item>
  );
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="-mx-1 my-1 h-px bg-border" />;
}
