// The sign-in methods this process runs with (rules/sign-in-methods.ts over process.env), read
// once per distinct environment so tests that change it see the change.
import "server-only";
import { signInMethodsFrom, type SignInMethods } from "./rules/sign-in-methods";

const KEYS = [
  "OMNI_PASSWORD_LOGIN", "OMNI_REQUIRE_2FA", "OMNI_OIDC_ISSUER", "OMNI_OIDC_CLIENT_ID", "OMNI_OIDC_CLIENT_SECRET", "OMNI_OIDC_NAME",
  "OMNI_OIDC_ROLE_CLAIM", "OMNI_OIDC_ROLE_MAP", "OMNI_OIDC_DEFAULT_ROLE", "OMNI_PROXY_AUTH_HEADER", "OMNI_PROXY_AUTH_DEFAULT_ROLE",
];

let cached: { key: string; value: SignInMethods } | undefined;

/** The configured sign-in methods (throws a TypeError naming a malformed variable). */
export function signInMethods(): SignInMethods {
  const key = KEYS.map((k) => process.env[k] ?? "").join("\u0000");
  if (!cached || cached.key !== key) cached = { key, value: signInMethodsFrom(process.env) };
  return cached.value;
}
