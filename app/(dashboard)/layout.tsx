import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { authOptions } from "@/lib/auth/next-auth-options";

// Every page in this group needs a signed-in user whose session is live (each page and action
// checks again); the sidebar shows what the user's scopes allow.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");
  const u = session.user;
  return <AppShell user={{ name: u.name ?? null, email: u.email ?? "", role: u.role, scopes: u.scopes }}>{children}</AppShell>;
}
