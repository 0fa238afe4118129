// Which scope a request needs, looked up in the endpoint registry. The API wrapper checks it
// before the handler runs (so a caller without the scope gets a 403 naming it, whatever the body),
// and the services check again: the scope documented is the scope enforced.
import { forbidden } from "../errors";
import { hasScope } from "../auth/rules/scopes";
import type { Principal } from "../auth/principal";
import { ENDPOINTS, type Endpoint } from "./endpoints";

type Matcher = { method: string; re: RegExp; endpoint: Endpoint };

const params = (e: Endpoint) => e.path.split("{").length - 1;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const matchers: Matcher[] = ENDPOINTS.map((endpoint) => ({
  method: endpoint.method,
  re: new RegExp("^/api/v1" + endpoint.path.split(/(\{\w+\})/).map((part) => (part.startsWith("{") ? "[^/]+" : escape(part))).join("") + "/?$"),
  endpoint,
}))
  // literal segments beat parameters (/routes/test before /routes/{id})
  .sort((a, b) => params(a.endpoint) - params(b.endpoint));

export function endpointFor(method: string, pathname: string): Endpoint | undefined {
  return matchers.find((m) => m.method === method && m.re.test(pathname))?.endpoint;
}

const NO_SCOPE = new Set(["public", "authenticated", "session"]);

/** The scope to check, or null for public, any-authenticated and session-only endpoints (and unknown paths). */
export function requiredScopeFor(method: string, pathname: string): string | null {
  const e = endpointFor(method, pathname);
  return !e || NO_SCOPE.has(e.scope) ? null : e.scope;
}

/** Every scope that grants the request (the registry's scope first, then its alternatives); null: no scope needed. */
export function acceptedScopesFor(method: string, pathname: string): string[] | null {
  const e = endpointFor(method, pathname);
  return !e || NO_SCOPE.has(e.scope) ? null : [e.scope, ...(e.alsoAccepts ?? [])];
}

/**
 * The wrapper's check (before the handler runs): a session-only endpoint refuses API keys, and a
 * scoped endpoint needs one of its accepted scopes. 403 `FORBIDDEN` with `details.requiredScope`.
 */
export function authorizeEndpoint(p: Principal, method: string, pathname: string): void {
  const e = endpointFor(method, pathname);
  if (!e) return;
  if (e.scope === "session") {
    if (p.type !== "session") throw forbidden("This endpoint is for signed-in dashboard users; API keys have no account.", { requiredAuth: "session" });
    return;
  }
  const accepted = acceptedScopesFor(method, pathname);
  if (!accepted || accepted.some((s) => hasScope(p.scopes, s))) return;
  const who = p.type === "apiKey" ? "API key" : "account";
  throw forbidden(`This ${who} lacks the scope "${accepted[0]}"${accepted.length > 1 ? ` (or ${accepted.slice(1).map((s) => `"${s}"`).join(", ")})` : ""}.`, {
    requiredScope: accepted[0],
    ...(accepted.length > 1 ? { acceptedScopes: accepted } : {}),
  });
}
