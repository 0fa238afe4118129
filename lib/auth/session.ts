// The signed-in dashboard user as a Principal, for pages and server actions.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./next-auth-options";
import { scopesForRole, type Role } from "./rules/scopes";
import type { Principal } from "./principal";
import { clientAddress } from "../security/client-address";

export async function sessionPrincipal(): Promise<Principal | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user;
  if (!u?.id) return null;
  const h = await headers();
  const role: Role = u.role ?? "viewer";
  return {
    type: "session",
    id: u.id,
    name: u.email ?? u.name ?? "user",
    scopes: scopesForRole(role),
    instanceIds: null,
    role,
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
  };
}

/** For pages: the principal, or a redirect to the login page. */
export async function requirePagePrincipal(roles?: Role[]): Promise<Principal> {
  const p = await sessionPrincipal();
  if (!p) redirect("/login");
  if (roles && !roles.includes(p.role!)) redirect("/forbidden");
  return p;
}
