import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { AppShell } from "@/components/shell/app-shell";
import { authOptions } from "@/lib/auth/next-auth-options";
import { redirectToSignIn } from "@/lib/auth/session";

// Every page in this group needs a signed-in user whose session is live (each page and action
// checks again); the sidebar shows what the user's scopes allow.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return redirectToSignIn(); // back to this page (path + query) afterwards
  const u = session.user;
  return <AppShell user={{ name: u.name ?? null, email: u.email ?? "", role: u.role, scopes: u.scopes }}>{children}</AppShell>;
}
