import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { getAccount, listOwnSessions } from "@/lib/users/account";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SessionsList } from "./sessions-list";
import { TwoFactorCard } from "./two-factor-card";
import { twoFactorStatus } from "@/lib/twofactor/enrolment-status";

export const metadata = { title: "Your account · Omni Admin" };

// Every signed-in user's own page: name, password, and where they are signed in.
export default async function AccountPage() {
  const p = await requirePagePrincipal();
  const [account, sessions, twoFactor] = await Promise.all([getAccount(p), listOwnSessions(p), twoFactorStatus(p)]);
  return (
    <>
      <PageHeader title="Your account" description="Your name, your password, and the browsers where you are signed in." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader><div><CardTitle>Profile</CardTitle><CardDescription>Your role is set by an admin on the Users page.</CardDescription></div></CardHeader>
          <CardContent><ProfileForm account={{ name: account.name, email: account.email, role: account.role }} /></CardContent>
        </Card>
        <Card>
          <CardHeader><div><CardTitle>Password</CardTitle><CardDescription>Changing it signs you out everywhere else; this browser stays signed in.</CardDescription></div></CardHeader>
          <CardContent><PasswordForm email={account.email} /></CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader><div><CardTitle>Two-factor sign-in</CardTitle><CardDescription>A code from an app on your phone after your password.</CardDescription></div></CardHeader>
          <CardContent>
            <TwoFactorCard applies={twoFactor?.applies ?? false} enabled={twoFactor?.enabled ?? false} required={twoFactor?.required ?? false} recoveryCodesLeft={twoFactor?.recoveryCodesLeft ?? 0} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>Sessions</CardTitle>
              <CardDescription>Browsers signed in as you. A session ends when you sign out there, after 12 hours without use, or when your password changes.</CardDescription>
            </div>
          </CardHeader>
          <CardContent><SessionsList sessions={sessions} /></CardContent>
        </Card>
      </div>
    </>
  );
}
