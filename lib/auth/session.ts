// The signed-in dashboard user as a Principal, for pages and server actions. The session cookie
// only names a Session row; validity, role and scopes are read fresh (sessions/session-state.ts).
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./next-auth-options";
import { hasScope } from "./rules/scopes";
import type { Principal } from "./principal";
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
  return principalOfSession(user, { ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || null, userAgent: h.get("user-agent") });
}

/**
 * For pages: the principal, or a redirect to the login page; with `scope`, a user whose role
 * lacks it is sent to /forbidden.
 */
export async function requirePagePrincipal(scope?: string): Promise<Principal> {
  const p = await sessionPrincipal();
  if (!p) redirect("/login");
  if (scope && !hasScope(p.scopes, scope)) redirect("/forbidden");
  return p;
}
