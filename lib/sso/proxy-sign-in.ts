// Sign-in vouched for by an authenticating reverse proxy: the email in OMNI_PROXY_AUTH_HEADER is
// believed only when the TCP peer (PEER_HEADER, set by the app's own HTTP server after deleting
// any client copy) is one of OMNI_TRUSTED_PROXIES. From anyone else the header is ignored.
import "server-only";
import { headerValue, normaliseAddress, PEER_HEADER, trustedProxies, clientAddress, type HeaderSource } from "../security/client-address";
import { signInMethods } from "./config";
import type { ProxyConfig } from "./rules/sign-in-methods";
import { externalSignIn, type ExternalSignInResult } from "./external-sign-in";

/**
 * The email the proxy header names, or null: proxy sign-in off, no header, or a peer that is not
 * a trusted proxy (then the header is never trusted, whatever it says).
 */
export function proxyIdentity(headers: HeaderSource | null | undefined, cfg: ProxyConfig | null = signInMethods().proxy): string | null {
  if (!cfg || !headers) return null;
  const value = headerValue(headers, cfg.header)?.split(",")[0]?.trim();
  if (!value) return null;
  const peer = normaliseAddress(headerValue(headers, PEER_HEADER));
  if (!peer || !trustedProxies()(peer, 0)) return null;
  return value;
}

/**
 * Signs in the user a trusted proxy names: null when proxyIdentity gives none; else as
 * externalSignIn (an unknown email is created with OMNI_PROXY_AUTH_DEFAULT_ROLE, or refused
 * "unmapped" when that is unset; disabled and deleted users refused). The Users page sets roles.
 */
export async function proxySignIn(headers: HeaderSource): Promise<ExternalSignInResult | null> {
  const cfg = signInMethods().proxy;
  const email = proxyIdentity(headers, cfg);
  if (!cfg || !email) return null;
  return externalSignIn(
    { method: "proxy", email, role: cfg.defaultRole, roleManaged: false },
    { ip: clientAddress(headers), userAgent: headerValue(headers, "user-agent") },
  );
}
