// The signed-in dashboard user as a Principal, for pages and server actions. The session cookie
// only names a Session row; validity, role and scopes are read fresh (sessions/session-state.ts).
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cookies, headers } from "next/headers";
import { authOptions } from "./next-auth-options";
import { hasScope } from "./rules/scopes";
import { loginPathFor, REQUEST_PATH_HEADER } from "./rules/safe-callback";
import { hasSessionCookie } from "./rules/session-cookie";
import type { Principal } from "./principal";
import { clientAddress } from "../security/client-address";
import { expectedHosts } from "../security/same-origin";
import { resolveSession } from "../sessions/session-state";
import { principalOfSession } from "../sessions/session-principal";

/** The signed-in user as a Principal, or null (no cookie, or its session has ended). */
export async function sessionPrincipal(): Promise<Principal | null> {
  const session = await getServerSession(authOptions).catch(() => null);
  const u = session?.user;
  if (!u?.id || !u.sid) return null;
  const user = await resolveSession(u.sid, u.id);
  if (!user) return null;
  const h = await headers();
  return principalOfSession(user, { ip: clientAddress(h), userAgent: h.get("user-agent") });
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
 * asked for (path and query, from proxy.ts's REQUEST_PATH_HEADER). A visitor who still sent a
 * session cookie had a session that ended (signed out elsewhere, disabled, reset, idle): the page
 * is told (`reason=session-ended`) and says so. Never returns.
 */
export async function redirectToSignIn(): Promise<never> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  const sessionEnded = hasSessionCookie((await cookies()).getAll().map((c) => c.name));
  redirect(loginPathFor(path, { sessionEnded }));
}

/**
 * For pages: the principal, or a redirect to the login page (coming back here afterwards); with
 * `scope`, a user whose role lacks it is sent to /forbidden.
 */
export async function requirePagePrincipal(scope?: string): Promise<Principal> {
  const p = await sessionPrincipal();
  if (!p) return redirectToSignIn();
  if (scope && !hasScope(p.scopes, scope)) redirect("/forbidden");
  return p;
}
