// Which scope a request needs, looked up in the endpoint registry. The API wrapper checks it
// before the handler runs (so a caller without the scope gets a 403 naming it, whatever the body),
// and the services check again: the scope documented is the scope enforced.
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

/** The scope to check, or null for public and any-authenticated endpoints (and unknown paths). */
export function requiredScopeFor(method: string, pathname: string): string | null {
  const e = endpointFor(method, pathname);
  return !e || e.scope === "public" || e.scope === "authenticated" ? null : e.scope;
}
