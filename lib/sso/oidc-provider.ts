// next-auth's OpenID Connect provider (id "oidc") built from OMNI_OIDC_*: authorization code with
// PKCE, state and nonce, the ID token verified against the issuer's keys, its claims merged with
// the userinfo endpoint's (providers such as Keycloak put groups in either).
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { OidcConfig } from "./rules/sign-in-methods";

export type OidcProfile = Record<string, unknown> & { sub: string };

/** The provider for `cfg` (discovery at `<issuer>/.well-known/openid-configuration`). */
export function oidcProvider(cfg: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: cfg.name,
    type: "oauth",
    wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret ?? undefined,
    client: cfg.clientSecret ? undefined : { token_endpoint_auth_method: "none" },
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      async request({ tokens, client }) {
        const set = tokens as TokenSet; // idToken: true hands over openid-client's verified TokenSet
        const idClaims = set.claims() as Record<string, unknown>;
        let info: Record<string, unknown> = {};
        if (set.access_token && client.issuer.metadata.userinfo_endpoint) info = (await client.userinfo(set)) as Record<string, unknown>;
        return { ...idClaims, ...info, sub: idClaims.sub } as OidcProfile;
      },
    },
    // The product's user id replaces this in the signIn callback (next-auth-options.ts).
    profile(p) {
      return { id: p.sub, email: typeof p.email === "string" ? p.email : null, name: typeof p.name === "string" ? p.name : null };
    },
  };
}
