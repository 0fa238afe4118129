import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { listUsersOverview } from "@/lib/users/read-users";
import { UsersView } from "./users-view";
import { signInMethods } from "@/lib/sso/config";

export const metadata = { title: "Users · Omni Admin" };

export default async function UsersPage() {
  // users:read opens the page (admins); only users:write gets the buttons that change users.
  const p = await requirePagePrincipal("users:read");
  const canWrite = hasScope(p.scopes, "users:write");
  const rows = await listUsersOverview(p);
  return (
    <>
      <PageHeader
        title="Users"
        description={canWrite
          ? "Who can sign in to this dashboard, and with which role. Disabling, resetting a password or signing someone out takes effect on their very next click."
          : "Who can sign in to this dashboard, and with which role (read-only)."}
      />
      <UsersView rows={rows} currentUserId={p.type === "session" ? p.id : null} canWrite={canWrite} ssoManagedRoles={!!signInMethods().oidc?.roleMap.size} />
    </>
  );
}
