// Scope rules (pure). `*` grants everything, `<resource>:*` every action on a resource.
export const RESOURCES = ["routes", "persons", "keys", "audit", "instances", "agents", "chats"] as const;
export type Resource = (typeof RESOURCES)[number];

export const SPECIFIC_SCOPES = [
  "routes:read", "routes:write",
  "persons:read", "persons:write",
  "keys:read", "keys:write",
  "audit:read",
  "instances:read", "instances:write",
  "agents:read", "agents:write",
  "chats:read", "chats:write",
] as const;

export const ALL_SCOPES: readonly string[] = ["*", ...RESOURCES.map((r) => `${r}:*`), ...SPECIFIC_SCOPES];

export type Role = "admin" | "lead" | "viewer";
export const ROLES: readonly Role[] = ["admin", "lead", "viewer"];

export function isKnownScope(scope: string): boolean {
  return ALL_SCOPES.includes(scope);
}

/** Does a set of granted scopes include `required` (e.g. "routes:write")? */
export function hasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes("*") || granted.includes(required)) return true;
  const [resource] = required.split(":");
  return granted.includes(`${resource}:*`);
}

/** Does `granted` cover every scope of `requested` (so the holder may hand them on)? */
export function coversScopes(granted: readonly string[], requested: readonly string[]): boolean {
  return requested.every((s) => {
    if (s === "*") return granted.includes("*");
    if (s.endsWith(":*")) {
      const resource = s.slice(0, -2);
      return granted.includes("*") || granted.includes(s) ||
        SPECIFIC_SCOPES.filter((x) => x.startsWith(`${resource}:`)).every((x) => granted.includes(x));
    }
    return hasScope(granted, s);
  });
}

/** A signed-in user's role mapped to scopes (../shared/API.md, Conventions). */
export function scopesForRole(role: Role): string[] {
  const reads = SPECIFIC_SCOPES.filter((s) => s.endsWith(":read"));
  switch (role) {
    case "admin":
      return ["*"];
    case "lead":
      return [...reads]; // every *:read, audit:read included
    case "viewer":
      return reads.filter((s) => s !== "keys:read" && s !== "audit:read");
  }
}
