// Which role an SSO user gets (pure): OMNI_OIDC_ROLE_MAP ("group=role,…") parsed, and a claim
// value (a string, a list of strings, or space/comma-separated groups) turned into a role.
import { isRole, type Role } from "../../auth/rules/scopes";

/** Group name → role, in the order written. */
export type RoleMap = ReadonlyMap<string, Role>;

/** A default role, or "none" (refuse users whom the map gives no role). */
export type DefaultRole = Role | "none";

const RANK: Record<Role, number> = { viewer: 1, lead: 2, admin: 3 };

/**
 * Parses "admins=admin, ops=lead,staff=viewer" (whitespace around entries and `=` ignored; a
 * group name may itself contain `=` only before the last one). Empty or unset: an empty map.
 * Throws a TypeError naming the entry for an entry without `=`, an empty group, or a role that
 * is not admin, lead or viewer.
 */
export function parseRoleMap(value: string | null | undefined): RoleMap {
  const map = new Map<string, Role>();
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const at = entry.lastIndexOf("=");
    const group = at > 0 ? entry.slice(0, at).trim() : "";
    const role = at > 0 ? entry.slice(at + 1).trim().toLowerCase() : "";
    if (!group) throw new TypeError(`OMNI_OIDC_ROLE_MAP: "${entry}" is not group=role`);
    if (!isRole(role)) throw new TypeError(`OMNI_OIDC_ROLE_MAP: "${entry}" names no role (admin, lead or viewer)`);
    map.set(group, role);
  }
  return map;
}

/** Parses a default role setting: unset/empty gives `fallback`; "none" refuses; else a role (TypeError otherwise). */
export function parseDefaultRole(value: string | null | undefined, name: string, fallback: DefaultRole): DefaultRole {
  const v = (value ?? "").trim().toLowerCase();
  if (!v) return fallback;
  if (v === "none" || isRole(v)) return v;
  throw new TypeError(`${name}: "${value}" is not admin, lead, viewer or none`);
}

/** The groups a claim value names: a string (split on commas and whitespace) or an array of strings. */
export function claimGroups(claim: unknown): string[] {
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string" && g.length > 0);
  return [];
}

/**
 * The role for a user whose claim is `claim`: the highest role any of their groups maps to
 * (a leading "/" on a group, as Keycloak writes them, is optional on either side); with no
 * mapped group, `defaultRole` — or null when that is "none" (the sign-in is refused).
 */
export function roleForClaim(claim: unknown, map: RoleMap, defaultRole: DefaultRole): Role | null {
  let best: Role | null = null;
  const strip = (g: string) => g.replace(/^\//, "");
  const normalised = new Map<string, Role>();
  for (const [g, r] of map) normalised.set(strip(g), r);
  for (const group of claimGroups(claim)) {
    const r = map.get(group) ?? normalised.get(strip(group));
    if (r && (!best || RANK[r] > RANK[best])) best = r;
  }
  if (best) return best;
  return defaultRole === "none" ? null : defaultRole;
}

/** A claim by name; a dotted name ("realm_access.roles", as Keycloak nests roles) walks into objects. */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let v: unknown = claims;
  for (const part of name.split(".")) {
    if (!v || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
