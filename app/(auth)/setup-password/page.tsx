import type { Metadata } from "next";
import Link from "next/link";
import { LogoMark } from "@/components/shell/logo-mark";
import { Alert } from "@/components/ui/alert";
import { setupLinkStatus } from "@/lib/users/password-reset";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/rules/password-policy";
import { SetupPasswordForm } from "./setup-password-form";

export const metadata: Metadata = { title: "Choose a password" };

// Where an invitation or a password reset link lands: the user chooses a password (policy
// enforced by the server), then signs in. The token in the link is the only proof needed.
export default async function SetupPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: given } = await searchParams;
  const token = (Array.isArray(given) ? given[0] : given) ?? "";
  const link = await setupLinkStatus(token).catch(() => null);
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center bg-bg px-4 py-12">
      <div className="relative w-full max-w-[380px]">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-10 rounded-xl" />
          <h1 className="mt-5 text-xl font-semibold tracking-tight text-fg">Choose a password</h1>
          {link ? <p className="mt-1.5 text-sm text-fg-muted">for <span className="font-medium text-fg">{link.email}</span></p> : null}
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-[var(--shadow-md)]">
          {link ? (
            <SetupPasswordForm token={token} minLength={PASSWORD_MIN_LENGTH} />
          ) : (
            <div className="flex flex-col gap-4">
              <Alert tone="error">This link is invalid, already used or expired. Ask an admin for a new one.</Alert>
              <Link href="/login" className="text-center text-sm font-medium text-accent hover:underline">Go to sign in</Link>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
