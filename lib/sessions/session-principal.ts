// A signed-in user (as resolved by session-state.ts) as the Principal that services authorize.
import "server-only";
import type { Principal } from "../auth/principal";
import { scopesForRole } from "../auth/rules/scopes";
import type { SessionUser } from "./session-state";

/**
 * Scopes come from the user's current role; sessions are never restricted to instances. A user
 * who must enrol in two-factor sign-in first (`twoFactorDue`) has no scopes: only their own
 * account (which checks for a session, not a scope) answers them.
 */
export function principalOfSession(u: SessionUser, meta: { ip?: string | null; userAgent?: string | null } = {}): Principal {
  return {
    type: "session",
    id: u.userId,
    name: u.email,
    scopes: u.twoFactorDue ? [] : scopesForRole(u.role),
    instanceIds: null,
    role: u.role,
    sessionId: u.sessionId,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
  };
}
