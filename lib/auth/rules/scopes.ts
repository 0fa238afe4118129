// Scope rules (pure). `*` grants everything, `<resource>:*` every action on a resource.
export const RESOURCES = ["routes", "persons", "keys", "audit", "instances", "agents", "chats", "users", "webhooks"] as const;
export type Resource = (typeof RESOURCES)[number];

export const SPECIFIC_SCOPES = [
  "routes:read", "routes:write",
  "persons:read", "persons:write",
  "keys:read", "keys:write",
  "audit:read", "audit:revert",
  "instances:read", "instances:write",
  "agents:read", "agents:write",
  "chats:read", "chats:write",
  "users:read", "users:write",
  "webhooks:read", "webhooks:write",
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

const VIEWER_SCOPES = ["routes:read", "persons:read", "instances:read", "agents:read", "chats:read"] as const;
const LEAD_SCOPES = [
  "routes:read", "persons:read", "keys:read", "audit:read", "audit:revert", "instances:read", "agents:read", "chats:read",
] as const;

/**
 * A dashboard user's role as scopes (../shared/API.md, "Roles and scopes, exactly"): admin = `*`;
 * lead = reads of routes, persons, keys, audit, instances, agents, chats plus `audit:revert`;
 * viewer = reads of routes, persons, instances, agents, chats. Pages, actions and the API all
 * decide from these scopes, never from the role's name.
 */
export function scopesForRole(role: Role): string[] {
  switch (role) {
    case "admin":
      return ["*"];
    case "lead":
      return [...LEAD_SCOPES];
    case "viewer":
      return [...VIEWER_SCOPES];
  }
}

/** Whether `role` is one of the known roles (a stored or submitted value). */
export const isRole = (role: unknown): role is Role => typeof role === "string" && (ROLES as readonly string[]).includes(role);
