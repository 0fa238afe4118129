"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import * as Tooltip from "@radix-ui/react-tooltip";
import { BookOpen, FlaskConical, KeyRound, Route, ScrollText, Server, UserCog, Users, Webhook, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { hasScope } from "@/lib/auth/rules/scopes";

export type ShellRole = "admin" | "lead" | "viewer";

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** shown only to users whose scopes include this one (the page itself checks the same) */
  scope?: string;
}

export const NAV_ITEMS: ReadonlyArray<NavItem> = [
  { href: "/routes", label: "Routes", icon: Route },
  { href: "/routes/test", label: "Route tester", icon: FlaskConical },
  { href: "/persons", label: "Persons", icon: Users },
  { href: "/audit", label: "Audit log", icon: ScrollText, scope: "audit:read" },
  { href: "/keys", label: "API keys", icon: KeyRound, scope: "keys:read" },
  { href: "/instances", label: "Instances & agents", icon: Server },
  { href: "/users", label: "Users", icon: UserCog, scope: "users:read" },
  { href: "/webhooks", label: "Webhooks", icon: Webhook, scope: "webhooks:read" },
  { href: "/api-docs", label: "API reference", icon: BookOpen },
];

function visibleItems(scopes: readonly string[]) {
  return NAV_ITEMS.filter((item) => !item.scope || hasScope(scopes, item.scope));
}

/** The most specific nav item matching the path ("/routes/test" beats "/routes"). */
function activeItem(pathname: string, items: ReadonlyArray<NavItem>): NavItem | undefined {
  return items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
}

/**
 * The sidebar's links, filtered by the user's scopes. `expanded` always shows the labels (the phone
 * menu drawer); otherwise they show from `lg` up and become tooltips below. `onNavigate` runs on a click.
 */
export function NavLinks({ scopes, expanded = false, onNavigate }: { scopes: readonly string[]; expanded?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname() ?? "";
  const items = visibleItems(scopes);
  const active = activeItem(pathname, items);

  return (
    <Tooltip.Provider delayDuration={200}>
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const Icon = item.icon;
          const isActive = item === active;
          return (
            <li key={item.href}>
              <Tooltip.Root>
                <Tooltip.Trigger asChild>
                  <Link
                    href={item.href}
                    aria-current={isActive ? "page" : undefined}
                    aria-label={item.label}
                    onClick={onNavigate}
                    className={cn(
                      "group flex items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors",
                      expanded ? "h-10 justify-start" : "h-8 justify-center lg:justify-start",
                      isActive ? "bg-accent/10 text-fg" : "text-fg-muted hover:bg-muted hover:text-fg",
                    )}
                  >
                    <Icon
                      aria-hidden="true"
                      className={cn(
                        "size-4 shrink-0 transition-colors",
                        isActive ? "text-accent" : "text-fg-muted group-hover:text-fg",
                      )}
                    />
                    <span className={cn("truncate", !expanded && "hidden lg:inline")}>{item.label}</span>
                  </Link>
                </Tooltip.Trigger>
                {expanded ? null : <Tooltip.Portal>
                  <Tooltip.Content
                    side="right"
                    sideOffset={8}
                    className="z-50 rounded-md border border-border bg-surface px-2 py-1 text-xs font-medium text-fg shadow-[var(--shadow-md)] lg:hidden"
                  >
                    {item.label}
                  </Tooltip.Content>
                </Tooltip.Portal>}
              </Tooltip.Root>
            </li>
          );
        })}
      </ul>
    </Tooltip.Provider>
  );
}

/** Current section (icon + label) for the top header. */
export function CurrentSection({ scopes }: { scopes: readonly string[] }) {
  const pathname = usePathname() ?? "";
  const item = activeItem(pathname, visibleItems(scopes));
  if (!item) return null;
  const Icon = item.icon;
  return (
    <div className="flex min-w-0 items-center gap-2 text-[13px] font-medium text-fg">
      <Icon aria-hidden="true" className="size-4 shrink-0 text-fg-muted" />
      <span className="truncate">{item.label}</span>
    </div>
  );
}
