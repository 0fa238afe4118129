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

export function canSeeInstance(p: Principal, instanceId: string): boolean {
  return p.instanceIds === null || p.instanceIds.includes(instanceId);
}

/** For writes naming an instance explicitly: outside the key's restriction is a 403. */
export function requireInstance(p: Principal, instanceId: string): void {
  if (!canSeeInstance(p, instanceId)) {
    throw forbidden("This API key is restricted to other instances.", { instanceId });
  }
}

/** Prisma `where` fragment limiting rows to the principal's instances. */
export function instanceFilter(p: Principal): { instanceId?: { in: string[] } } {
  return p.instanceIds === null ? {} : { instanceId: { in: p.instanceIds } };
}

export type AuditActor = { type: "user" | "apiKey" | "system"; id: string | null; label: string };

export function actorOf(p: Principal): AuditActor {
  return { type: p.type === "session" ? "user" : p.type, id: p.type === "system" ? null : p.id, label: p.name };
}
