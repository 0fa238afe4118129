import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { authOptions } from "@/lib/auth/next-auth-options";

// Every page in this group needs a signed-in user (each page and action checks again).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");
  const u = session.user;
  return <AppShell user={{ name: u.name ?? null, email: u.email ?? "", role: u.role ?? "viewer" }}>{children}</AppShell>;
}
