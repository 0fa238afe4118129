// The signed-in dashboard user as a Principal, for pages and server actions.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./next-auth-options";
import { scopesForRole, type Role } from "./rules/scopes";
import { loginPathFor, REQUEST_PATH_HEADER } from "./rules/safe-callback";
import type { Principal } from "./principal";
import { clientAddress } from "../security/client-address";
import { expectedHosts } from "../security/same-origin";

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

/**
 * This app's origins as the current request names them ("http://host:port" from X-Forwarded-Host /
 * Host and X-Forwarded-Proto) plus NEXTAUTH_URL's: the first is the request's own.
 */
export async function appOrigins(): Promise<string[]> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" ? "https" : "http";
  const publicUrl = process.env.NEXTAUTH_URL;
  const origins = expectedHosts({ headers: h, url: `${proto}://localhost/`, publicUrl }).map((host) => `${proto}://${host}`);
  if (publicUrl) {
    try {
      origins.push(new URL(publicUrl).origin);
    } catch {
      // an unparseable NEXTAUTH_URL adds nothing
    }
  }
  return origins;
}

/**
 * Sends a signed-out visitor to the sign-in page, which returns them afterwards to the page they
 * asked for (path and query, from proxy.ts's REQUEST_PATH_HEADER). Never returns.
 */
export async function redirectToSignIn(): Promise<never> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(loginPathFor(path));
}

/** For pages: the principal, or a redirect to the login page (coming back here afterwards). */
export async function requirePagePrincipal(roles?: Role[]): Promise<Principal> {
  const p = await sessionPrincipal();
  if (!p) return redirectToSignIn();
  if (roles && !roles.includes(p.role!)) redirect("/forbidden");
  return p;
}
