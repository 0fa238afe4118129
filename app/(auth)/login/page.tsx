import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/next-auth-options";
import { SESSION_ENDED_REASON, safeCallbackPath } from "@/lib/auth/rules/safe-callback";
import { appOrigins } from "@/lib/auth/session";
import { LogoMark } from "@/components/shell/logo-mark";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "./login-form";
import { headers } from "next/headers";
import { signInMethods } from "@/lib/sso/config";
import { proxyIdentity } from "@/lib/sso/proxy-sign-in";
import { signInErrorMessage } from "@/lib/auth/rules/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

interface LoginPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; reason?: string | string[] }>;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  // Only a path on this app's own origin is followed (anything else: "/"), already encoded for Location.
  const callbackUrl = safeCallbackPath(params.callbackUrl, await appOrigins());
  // next-auth (and the SSO / proxy sign-ins) redirect here with ?error=<code>[&reason=…]
  const initialError = signInErrorMessage(first(params.error), first(params.reason));
  const methods = signInMethods();
  // set by pages that sent a visitor here with a session cookie whose session is over (lib/auth/session.ts)
  const sessionEnded = [params.reason].flat()[0] === SESSION_ENDED_REASON;

  // Already signed in: go straight to where the user was heading.
  const session = await getServerSession(authOptions).catch(() => null);
  if (session?.user) redirect(callbackUrl);
  // Behind an authenticating proxy (a trusted peer naming the user): sign in through it, unless it just refused.
  if (!params.error && proxyIdentity(await headers(), methods.proxy)) redirect(`/login/proxy?callbackUrl=${encodeURIComponent(callbackUrl)}`);

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
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} ssoName={methods.oidc?.name ?? null} passwordLogin={methods.password} />
        </div>
        <p className="mt-6 text-center text-xs text-fg-muted">Access is managed by your workspace administrator.</p>
      </div>
    </main>
  );
}
