// The one place that decides the caller's address (audit `ip`, key `lastUsedIp`, sign-in
// throttling). It is the TCP peer of the app's own HTTP server (scripts/lib/http-server.ts), which
// passes it to handlers in the PEER_HEADER request header after deleting any client-sent copy.
// X-Forwarded-For is believed only when that peer is one of OMNI_TRUSTED_PROXIES (comma list of
// IPs / CIDRs, or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`; default empty), and
// only for the hops trusted proxies added: walked right to left, it stops at the first untrusted
// hop (proxy-addr). Served some other way (`next dev`, a bare `next start`) the address is unknown.
import net from "node:net";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import type { IncomingMessage } from "node:http";

/** Internal request header carrying the TCP peer address, set only by the app's HTTP server. */
export const PEER_HEADER = "x-omni-peer";

/** Request headers as `Headers` (route handlers, next/headers) or a plain object (next-auth's `req.headers`). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** Says whether the hop at `addr` (i = 0 for the peer) is a trusted proxy. */
export type TrustFn = (addr: string, i: number) => boolean;

const trustNone: TrustFn = () => false;

/**
 * An address in canonical form (IPv4-mapped IPv6 such as `::ffff:127.0.0.1` becomes `127.0.0.1`,
 * IPv6 compressed), or null when `value` is not an IP address (ports and names are not).
 */
export function normaliseAddress(value: string | null | undefined): string | null {
  const a = value?.trim();
  if (!a || net.isIP(a) === 0) return null;
  return ipaddr.process(a).toString();
}

/**
 * The trust function for an OMNI_TRUSTED_PROXIES value ("10.0.0.1, 192.168.0.0/16, loopback").
 * Empty or unset trusts nobody. Throws a TypeError naming the bad entry when one is not an IP,
 * CIDR or proxy-addr range name.
 */
export function parseTrustedProxies(list: string | null | undefined): TrustFn {
  const entries = (list ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return trustNone;
  try {
    return proxyaddr.compile(entries);
  } catch (e) {
    throw new TypeError(`OMNI_TRUSTED_PROXIES: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Pure: the client address from the TCP peer, the X-Forwarded-For value(s) and the trusted
 * proxies. Without a trusted peer the forwarded header is ignored. Null when the peer is unknown.
 * The result always parses as an IP address.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trust: TrustFn): string | null {
  const socketAddress = normaliseAddress(peer);
  if (!socketAddress) return null;
  if (trust === trustNone || !forwardedFor) return socketAddress;
  const fake = { socket: { remoteAddress: socketAddress }, connection: { remoteAddress: socketAddress }, headers: { "x-forwarded-for": forwardedFor } };
  // [peer, nearest hop, …] up to and including the first hop that is not a trusted proxy
  const chain = proxyaddr.all(fake as unknown as IncomingMessage, trust);
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = normaliseAddress(chain[i]);
    if (a) return a; // a hop that is not an address (garbage from a client): the proxy before it
  }
  return socketAddress;
}

let cached: { list: string | undefined; trust: TrustFn } | undefined;

/** The trust function for the current OMNI_TRUSTED_PROXIES (throws a TypeError when it is malformed). */
export function trustedProxies(): TrustFn {
  const list = process.env.OMNI_TRUSTED_PROXIES;
  if (!cached || cached.list !== list) cached = { list, trust: parseTrustedProxies(list) };
  return cached.trust;
}

/** One header of either kind of HeaderSource (repeated values joined with ", "), or null. */
export function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof headers.get === "function") return (headers as { get(n: string): string | null }).get(name);
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(", ") : (v ?? null);
}

/** The caller's address for a request's headers (see the top of this file), or null when unknown. */
export function clientAddress(headers: HeaderSource | null | undefined): string | null {
  if (!headers) return null;
  return resolveClientAddress(headerValue(headers, PEER_HEADER), headerValue(headers, "x-forwarded-for"), trustedProxies());
}
