// Which sign-in methods are on, read from the environment (pure: pass the env). See the README's
// configuration table: OMNI_PASSWORD_LOGIN, OMNI_REQUIRE_2FA, OMNI_OIDC_*, OMNI_PROXY_AUTH_*.
import type { Role } from "../../auth/rules/scopes";
import { parseDefaultRole, parseRoleMap, type DefaultRole, type RoleMap } from "./role-map";

/** `/info` `twoFactor`: off (no password sign-in), optional per user, or required for admins / everyone. */
export type TwoFactorPolicy = "off" | "optional" | "admin" | "all";

export type OidcConfig = {
  issuer: string;
  clientId: string;
  /** absent: a public client (PKCE only) */
  clientSecret: string | null;
  /** the sign-in button says "Sign in with <name>" */
  name: string;
  roleClaim: string;
  /** empty: the Users page sets roles; else the claim decides the role at every sign-in */
  roleMap: RoleMap;
  defaultRole: DefaultRole;
};

export type ProxyConfig = {
  /** lower-case header name carrying the user's email */
  header: string;
  /** role for an email not yet known; null refuses it */
  defaultRole: Role | null;
};

export type SignInMethods = { password: boolean; oidc: OidcConfig | null; proxy: ProxyConfig | null; twoFactor: TwoFactorPolicy };

type Env = Record<string, string | undefined>;
const get = (env: Env, name: string) => env[name]?.trim() || "";

/**
 * The sign-in methods `env` turns on. OpenID Connect needs OMNI_OIDC_ISSUER and
 * OMNI_OIDC_CLIENT_ID; the proxy header needs OMNI_PROXY_AUTH_HEADER. Throws a TypeError naming
 * the variable when a value is malformed (role map, roles, OMNI_REQUIRE_2FA, OMNI_PASSWORD_LOGIN).
 */
export function signInMethodsFrom(env: Env): SignInMethods {
  const pw = get(env, "OMNI_PASSWORD_LOGIN").toLowerCase();
  if (pw && !["on", "off", "true", "false", "1", "0"].includes(pw)) throw new TypeError(`OMNI_PASSWORD_LOGIN: "${pw}" is not on or off`);
  const password = !["off", "false", "0"].includes(pw);
  const req = get(env, "OMNI_REQUIRE_2FA").toLowerCase();
  if (req && !["admin", "all", "off", "optional", "none"].includes(req)) throw new TypeError(`OMNI_REQUIRE_2FA: "${req}" is not admin or all`);
  const twoFactor: TwoFactorPolicy = !password ? "off" : req === "admin" || req === "all" ? req : "optional";

  const issuer = get(env, "OMNI_OIDC_ISSUER").replace(/\/+$/, "");
  const clientId = get(env, "OMNI_OIDC_CLIENT_ID");
  const oidc: OidcConfig | null =
    issuer && clientId
      ? {
          issuer,
          clientId,
          clientSecret: get(env, "OMNI_OIDC_CLIENT_SECRET") || null,
          name: get(env, "OMNI_OIDC_NAME") || "Single sign-on",
          roleClaim: get(env, "OMNI_OIDC_ROLE_CLAIM") || "groups",
          roleMap: parseRoleMap(env.OMNI_OIDC_ROLE_MAP),
          defaultRole: parseDefaultRole(env.OMNI_OIDC_DEFAULT_ROLE, "OMNI_OIDC_DEFAULT_ROLE", "viewer"),
        }
      : null;

  const header = get(env, "OMNI_PROXY_AUTH_HEADER").toLowerCase();
  if (header && !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) throw new TypeError(`OMNI_PROXY_AUTH_HEADER: "${header}" is not a header name`);
  const proxyRole = parseDefaultRole(env.OMNI_PROXY_AUTH_DEFAULT_ROLE, "OMNI_PROXY_AUTH_DEFAULT_ROLE", "none");
  const proxy: ProxyConfig | null = header ? { header, defaultRole: proxyRole === "none" ? null : proxyRole } : null;

  return { password, oidc, proxy, twoFactor };
}

/** `/info` `authModes`: apiKey and session, then password, oidc and proxy for those on. */
export function authModes(m: SignInMethods): string[] {
  return ["apiKey", "session", ...(m.password ? ["password"] : []), ...(m.oidc ? ["oidc"] : []), ...(m.proxy ? ["proxy"] : [])];
}

/** Must a password account with this role have a second factor under `policy`? */
export function twoFactorRequired(policy: TwoFactorPolicy, role: Role): boolean {
  return policy === "all" || (policy === "admin" && role === "admin");
}
