// A real OpenID Connect provider for the SSO tests: the `oidc-provider` package on loopback, with
// one confidential client (the app) and accounts whose `groups` claim the role map reads. Its
// development login page accepts any password: the login name picks the account.
import http from "node:http";

export type IdpAccount = { email: string; name: string; groups: string[] };

export const CLIENT_ID = "omni-admin";
export const CLIENT_SECRET = "omni-admin-e2e-secret";

/** Starts the provider at http://127.0.0.1:<port>; resolves with its issuer URL and a stop function. */
export async function startIdp(port: number, appUrl: string, accounts: Record<string, IdpAccount>) {
  const { default: Provider } = await import("oidc-provider");
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    cookies: { keys: ["e2e-idp-cookie-key"] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const a = accounts[id];
      if (!a) return undefined;
      return { accountId: id, async claims() { return { sub: id, email: a.email, email_verified: true, name: a.name, groups: a.groups }; } };
    },
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
