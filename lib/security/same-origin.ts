// Cross-site writes to pages are refused before Next sees them. Pages take writes only as server
// actions (a fetch carrying `Next-Action`, or a no-JavaScript multipart form post), so any
// state-changing request from another site is refused here with a 403 in the contract's error
// shape. Next's own Origin check stays behind it as a second layer (it answers a mismatch with a
// 500 and lets a request without Origin through). Pure, unit-tested; proxy.ts applies it.

/** Methods that must not change anything: never checked. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginCheckInput = {
  method: string;
  headers: { get(name: string): string | null };
  /** The URL the server received the request on; its scheme is used when no X-Forwarded-Proto. */
  url: string;
  /** NEXTAUTH_URL: the app's public address. When set, its host is always accepted. */
  publicUrl?: string | null;
};

export type OriginVerdict =
  | { ok: true }
  | { ok: false; reason: "cross-site-fetch" | "opaque-origin" | "malformed-origin" | "foreign-origin"; message: string };

/** A Host header value: a name or an IP literal, and a port (nothing a URL could smuggle). */
const HOST_RE = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const first = (v: string | null) => v?.split(",")[0]?.trim() || null;

/** `host[:port]` as the URL parser normalises it (lower case, no default port), or null. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/**
 * The hosts a same-site request may come from: the one the request was addressed to, as the
 * reverse proxy reports it (X-Forwarded-Host, else Host — the header Next compares), normalised
 * with the forwarded scheme; and NEXTAUTH_URL's. Only hosts are compared (as Next does), so a
 * proxy that terminates TLS without sending X-Forwarded-Proto is no reason to refuse.
 */
export function expectedHosts({ headers, url, publicUrl }: Omit<OriginCheckInput, "method">): string[] {
  const hosts = new Set<string>();
  const host = first(headers.get("x-forwarded-host")) ?? headers.get("host")?.trim();
  const forwardedProto = first(headers.get("x-forwarded-proto"))?.toLowerCase();
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : schemeOf(url);
  if (host && HOST_RE.test(host)) {
    const h = hostOf(`${proto}://${host}`);
    if (h) hosts.add(h);
  }
  if (publicUrl) {
    const h = hostOf(publicUrl);
    if (h) hosts.add(h);
  }
  return [...hosts];
}

function schemeOf(url: string): "http" | "https" {
  try {
    return new URL(url).protocol === "https:" ? "https" : "http";
  } catch {
    return "http";
  }
}

/**
 * May this request change state? Safe methods always may. Otherwise the Origin header must
 * name one of `expectedHosts`; a missing Origin passes unless `Sec-Fetch-Site: cross-site`
 * says a browser sent it from another site (a client that sends neither is not a browser acting
 * for another site; Next lets such requests through too).
 */
export function checkSameOrigin(input: OriginCheckInput): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  const origin = input.headers.get("origin");
  if (origin === null || origin === "") {
    if (input.headers.get("sec-fetch-site")?.toLowerCase() === "cross-site") {
      return { ok: false, reason: "cross-site-fetch", message: "Cross-site requests cannot change anything here." };
    }
    return { ok: true };
  }
  if (origin === "null") {
    return { ok: false, reason: "opaque-origin", message: "Requests from an opaque origin cannot change anything here." };
  }
  const originHost = /^https?:\/\//i.test(origin) ? hostOf(origin) : null;
  if (!originHost) return { ok: false, reason: "malformed-origin", message: "The Origin header is not a valid origin." };
  if (expectedHosts(input).includes(originHost)) return { ok: true };
  return { ok: false, reason: "foreign-origin", message: "Cross-site requests cannot change anything here." };
}
