import type { ReactNode } from "react";
import Link from "next/link";
import { initials } from "@/lib/format/text";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LogoMark } from "./logo-mark";
import { MobileNav } from "./mobile-nav";
import { CurrentSection, NavLinks, type ShellRole } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export interface AppShellUser {
  name: string | null;
  email: string;
  role: ShellRole;
  /** what the user may do (their role's scopes): decides which sections the sidebar shows */
  scopes: readonly string[];
}

export interface AppShellProps {
  user: AppShellUser;
  children: ReactNode;
}

const roleBadge: Record<ShellRole, { label: string; tone: BadgeTone }> = {
  admin: { label: "Admin", tone: "accent" },
  lead: { label: "Lead", tone: "success" },
  viewer: { label: "Viewer", tone: "neutral" },
};

function userInitials(user: AppShellUser): string {
  return initials(user.name?.trim() || user.email.split("@")[0]);
}

/** Authenticated layout: sidebar navigation, top header with user + theme + sign out, and the page container. */
export function AppShell({ user, children }: AppShellProps) {
  const badge = roleBadge[user.role];
  return (
    <div className="flex min-h-dvh bg-bg">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-[100] focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-fg focus:shadow-[var(--shadow-md)]"
      >
        Skip to main content
      </a>

      {/* The rail's background and border run the page's full height (a full-page screenshot or
          print included); the sidebar itself stays in view as the page scrolls. */}
      <div className="hidden w-16 shrink-0 border-r border-border bg-surface md:block lg:w-60">
        <aside className="sticky top-0 flex h-dvh flex-col">
          <div className="flex h-14 shrink-0 items-center px-4">
            <Link
              href="/routes"
              aria-label="Omni Admin home"
              className="flex min-w-0 items-center gap-2.5 rounded-md"
            >
              <LogoMark />
              <span className="hidden truncate text-[15px] font-semibold tracking-tight text-fg lg:inline">
                Omni <span className="font-normal text-fg-muted">Admin</span>
              </span>
            </Link>
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 pt-2 pb-4">
            <p className="mb-1.5 hidden px-2.5 text-[11px] font-medium tracking-wide text-fg-muted uppercase lg:block">
              Workspace
            </p>
            <NavLinks scopes={user.scopes} />
          </nav>
        </aside>
      </div>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b border-border bg-bg/85 px-4 backdrop-blur-md sm:gap-3 sm:px-6 lg:px-8">
          <MobileNav
            scopes={user.scopes}
            footer={
              <div className="flex flex-col gap-3">
                <div className="flex min-w-0 items-center justify-between gap-2">
                  <span className="min-w-0 truncate text-[13px] text-fg-muted">{user.name || user.email}</span>
                  <Badge tone={badge.tone}>{badge.label}</Badge>
                </div>
                <ThemeToggle className="self-start" />
              </div>
            }
          />
          <div className="min-w-0 flex-1">
            <CurrentSection scopes={user.scopes} />
          </div>
          <div className="hidden sm:block">
            <ThemeToggle />
          </div>
          <div aria-hidden="true" className="mx-1 hidden h-6 w-px bg-border sm:block" />
          <div className="flex min-w-0 shrink-0 items-center gap-2.5">
            <Link
              href="/account"
              aria-label={`Your account: ${user.name || user.email}`}
              title="Your account: profile, password, sessions"
              className="-mx-1.5 flex shrink-0 items-center gap-2.5 rounded-md px-1.5 py-1 transition-colors hover:bg-muted"
            >
              <span
                aria-hidden="true"
                className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-[11px] font-semibold text-fg-muted ring-1 ring-border"
              >
                {userInitials(user)}
              </span>
              <div className="hidden min-w-0 flex-col leading-tight md:flex">
                <span className="max-w-[13rem] truncate text-[13px] font-medium text-fg">{user.name || user.email}</span>
                {user.name ? <span className="max-w-[13rem] truncate text-xs text-fg-muted">{user.email}</span> : null}
              </div>
            </Link>
            <span className="hidden sm:contents">
              <Badge tone={badge.tone}>
                <span className="sr-only">Role: </span>
                {badge.label}
              </Badge>
            </span>
          </div>
          <SignOutButton compact />
        </header>

        <main id="main-content" tabIndex={-1} className="flex-1 outline-none">
          <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8 lg:px-8">{children}</div>
        </main>
      </div>
    </div>
  );
}
