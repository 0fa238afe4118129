import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { AppShell } from "@/components/shell/app-shell";
import { LogoMark } from "@/components/shell/logo-mark";
import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { authOptions } from "@/lib/auth/next-auth-options";

export const metadata: Metadata = { title: "Page not found" };

// Any unknown address (status 404): inside the app frame for a signed-in user, a plain framed page
// with a way to sign in for anyone else.
export default async function NotFound() {
  const session = await getServerSession(authOptions).catch(() => null);
  const u = session?.user;
  if (u?.id) {
    return (
      <AppShell user={{ name: u.name ?? null, email: u.email ?? "", role: u.role, scopes: u.scopes }}>
        <NotFoundPanel />
      </AppShell>
    );
  }
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-bg px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-2 flex justify-center">
          <LogoMark className="size-10 rounded-xl" />
        </div>
        <NotFoundPanel signedIn={false} />
      </div>
    </main>
  );
}
