import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { AppShell } from "@/components/shell/app-shell";
import { authOptions } from "@/lib/auth/next-auth-options";
import { redirectToSignIn } from "@/lib/auth/session";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUEST_PATH_HEADER } from "@/lib/auth/rules/safe-callback";
import { twoFactorEnrolmentDue } from "@/lib/twofactor/enrolment-status";

// Every page in this group needs a signed-in user whose session is live (each page and action
// checks again); the sidebar shows what the user's scopes allow. A user whom OMNI_REQUIRE_2FA
// covers and who has no second factor yet sees only their account page until they enrol.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return redirectToSignIn(); // back to this page (path + query) afterwards
  const u = session.user;
  // OMNI_REQUIRE_2FA covers this password account and it has no second factor yet: enrol first
  if (await twoFactorEnrolmentDue(u.id, u.role)) {
    const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "";
    if (!/^\/account(?:[/?#]|$)/.test(path)) redirect("/account?twofactor=required");
  }
  return <AppShell user={{ name: u.name ?? null, email: u.email ?? "", role: u.role, scopes: u.scopes }}>{children}</AppShell>;
}
