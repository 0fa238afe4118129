// Who is calling, with what rights. Built by the API wrapper (Bearer key or session) or by a
// server action (session); passed to every service function, which authorizes against it.
import { forbidden } from "../errors";
import { hasScope, type Role } from "./rules/scopes";

export type Principal = {
  type: "apiKey" | "session" | "system";
  id: string;
  name: string;
  scopes: string[];
  /** null = every instance */
  instanceIds: string[] | null;
  role?: Role;
  /** the sign-in session (type "session"): its row in the Session table */
  sessionId?: string;
  /** requests per minute (API keys) */
  rateLimit?: number | null;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const systemPrincipal = (name = "system"): Principal => ({
  type: "system", id: "system", name, scopes: ["*"], instanceIds: null,
});

export function requireScope(p: Principal, scope: string): void {
  if (!hasScope(p.scopes, scope)) {
    throw forbidden(`This ${p.type === "apiKey" ? "API key" : "account"} lacks the scope "${scope}".`, {
      requiredScope: scope,
    });
  }
}

// The instance restriction's rules live in ./instance-policy.ts; these three are re-exported for
// the services that import them from here.
export { canSeeInstance, instanceFilter, requireInstance } from "./instance-policy";

export type AuditActor = { type: "user" | "apiKey" | "system"; id: string | null; label: string };

export function actorOf(p: Principal): AuditActor {
  return { type: p.type === "session" ? "user" : p.type, id: p.type === "system" ? null : p.id, label: p.name };
}
