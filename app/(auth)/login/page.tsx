import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/next-auth-options";
import { SESSION_ENDED_REASON, safeCallbackPath } from "@/lib/auth/rules/safe-callback";
import { appOrigins } from "@/lib/auth/session";
import { LogoMark } from "@/components/shell/logo-mark";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

interface LoginPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; reason?: string | string[] }>;
}

// next-auth redirects here with ?error=<code> on some failures (e.g. an expired session).
function errorMessage(value: string | string[] | undefined): string | null {
  const code = Array.isArray(value) ? value[0] : value;
  if (!code) return null;
  if (code === "CredentialsSignin") return "Invalid email or password.";
  if (code === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Please try again.";
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  // Only a path on this app's own origin is followed (anything else: "/"), already encoded for Location.
  const callbackUrl = safeCallbackPath(params.callbackUrl, await appOrigins());
  const initialError = errorMessage(params.error);
  // set by pages that sent a visitor here with a session cookie whose session is over (lib/auth/session.ts)
  const sessionEnded = [params.reason].flat()[0] === SESSION_ENDED_REASON;

  // Already signed in: go straight to where the user was heading.
  const session = await getServerSession(authOptions).catch(() => null);
  if (session?.user) redirect(callbackUrl);

  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden bg-bg px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-72 bg-[radial-gradient(60%_100%_at_50%_0%,color-mix(in_oklab,var(--accent)_12%,transparent),transparent)]"
      />
      <div className="relative w-full max-w-[380px]">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-10 rounded-xl" />
          <h1 className="mt-5 text-xl font-semibold tracking-tight text-fg">Sign in to Omni Admin</h1>
          <p className="mt-1.5 text-sm text-balance text-fg-muted">Routes, people and agents for every channel.</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-[var(--shadow-md)]">
          {sessionEnded ? <Alert tone="warning" className="mb-4">Your session has ended — sign in again.</Alert> : null}
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
        </div>
        <p className="mt-6 text-center text-xs text-fg-muted">Access is managed by your workspace administrator.</p>
      </div>
    </main>
  );
}
