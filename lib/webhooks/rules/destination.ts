// Where a webhook may be sent (pure; SSRF guard): http(s) URLs only, and never to a loopback,
// private, link-local or otherwise non-public address unless private destinations are allowed
// (OMNI_WEBHOOK_ALLOW_PRIVATE=1). A literal address is checked when the endpoint is saved; a
// hostname's resolved addresses are checked at send time (lib/webhook-delivery/send.ts).
import ipaddr from "ipaddr.js";

/** Whether private destinations are allowed (`OMNI_WEBHOOK_ALLOW_PRIVATE=1`; tests, local receivers). */
export const privateDestinationsAllowed = (env: NodeJS.ProcessEnv = process.env): boolean => env.OMNI_WEBHOOK_ALLOW_PRIVATE === "1";

/** True when `address` (an IPv4 or IPv6 literal) is anything but a public unicast address. */
export function isNonPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() !== "unicast";
}

/** The host of a URL without IPv6 brackets. */
const bareHost = (u: URL) => u.hostname.replace(/^\[|\]$/g, "");

/**
 * Why `url` may not be a webhook destination, or null when it may: not http(s), credentials in
 * it, or a host that is a literal non-public address (or `localhost`) while private destinations
 * are not allowed. Hostnames pass here: they are resolved and checked at send time.
 */
export function destinationError(url: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "Not a valid URL.";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "Only http and https URLs are allowed.";
  if (u.username || u.password) return "Credentials in the URL are not allowed.";
  if (allowPrivate) return null;
  const host = bareHost(u).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "Loopback destinations are not allowed.";
  if (ipaddr.isValid(host) && isNonPublicAddress(host)) return "Loopback, private and link-local addresses are not allowed.";
  // Forms URL parsing normalises to a dotted quad (0x7f.1, 2130706433) end up here as IPv4 literals.
  return null;
}
