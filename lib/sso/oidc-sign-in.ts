// OpenID Connect sign-in: the claims next-auth's `oidc` provider verified (ID token merged with
// userinfo) turned into a product user and session (external-sign-in.ts).
import "server-only";
import type { OidcConfig } from "./rules/sign-in-methods";
import { claimAt, roleForClaim } from "./rules/role-map";
import { externalSignIn, type ExternalSignInResult } from "./external-sign-in";

/**
 * Signs in the user the provider vouches for with `claims` (`sub`, `email`, `name` /
 * `preferred_username`, and the role claim `cfg.roleClaim`, possibly dotted). The account is
 * "<issuer>|<sub>". The role comes from `cfg.roleMap` (highest mapped group) else
 * `cfg.defaultRole` ("none": refused). Resolves as externalSignIn does; a claim set without
 * `sub` is refused as "no-email"; `email_verified: false` never links an existing user by email.
 */
export async function oidcSignIn(cfg: OidcConfig, claims: Record<string, unknown>, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<ExternalSignInResult> {
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email : "";
  const nameClaim = [claims.name, claims.preferred_username].find((v) => typeof v === "string" && v.trim());
  return externalSignIn(
    {
      method: "oidc",
      email: sub ? email : "",
      name: (nameClaim as string | undefined) ?? null,
      subject: `${cfg.issuer}|${sub}`,
      role: roleForClaim(claimAt(claims, cfg.roleClaim), cfg.roleMap, cfg.defaultRole),
      roleManaged: cfg.roleMap.size > 0,
      emailVerified: claims.email_verified !== false && claims.email_verified !== "false",
    },
    meta,
  );
}
