// Where to go after signing in (pure; unit-tested in tests/unit/safe-callback.test.ts). A
// `callbackUrl` is followed only when the WHATWG URL parser — the one browsers use to follow a
// Location header — resolves it to this app's origin; anything else goes to "/". Parsing first and
// then serialising what was parsed is what makes this hold: tabs and newlines that the parser drops
// ("/\t/evil.example" is "//evil.example"), backslashes it reads as slashes ("/\evil"), schemes
// ("javascript:"), user-info tricks ("http://app@evil/") all resolve elsewhere and are refused, and
// the path returned is percent-encoded ASCII, safe in a Location header.

/** Where a refused or missing callbackUrl goes. */
export const DEFAULT_CALLBACK_PATH = "/";

/** Request header in which proxy.ts hands pages the requested path and query ("/persons?q=ana"). */
export const REQUEST_PATH_HEADER = "x-omni-path";

/** Longer values are refused (a deep link is a path and a query, not a document). */
export const MAX_CALLBACK_LENGTH = 2048;

/** The sign-in page: returning to it after signing in is a loop. */
const SIGN_IN_PATH = /^\/login(?:\/|$)/i;
/** next-auth's own endpoints (a callback to /api/auth/signout would sign the user out again). */
const AUTH_API_PATH = /^\/api\/auth(?:\/|$)/i;

function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === "null" ? null : o;
  } catch {
    return null;
  }
}

/**
 * The same-origin path (`/path?query#hash`, percent-encoded) to send the user to, or "/".
 *
 * @param value the raw `callbackUrl` (a relative path or an absolute URL; a string array from
 *   search params uses its first item; anything else is refused)
 * @param appOrigin this app's origin (e.g. "http://localhost:3000"), or several: the first is the
 *   base relative values are resolved against, and a value resolving to any of them is accepted
 * @param opts.allowSignIn accept the sign-in page itself (sign-out goes there; after sign-in it is a loop)
 * @returns a path that starts with exactly one "/", never "//", never next-auth's endpoints, and
 *   never the sign-in page unless `allowSignIn`
 */
export function safeCallbackPath(value: unknown, appOrigin: string | readonly string[], opts: { allowSignIn?: boolean } = {}): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_CALLBACK_LENGTH) return DEFAULT_CALLBACK_PATH;
  const origins = (typeof appOrigin === "string" ? [appOrigin] : [...appOrigin]).map(originOf).filter((o): o is string => o !== null);
  if (!origins.length) return DEFAULT_CALLBACK_PATH;
  let url: URL;
  try {
    url = new URL(raw, origins[0]);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (!origins.includes(url.origin)) return DEFAULT_CALLBACK_PATH;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" resolves to the path "//evil" here, which a browser would read as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.length > MAX_CALLBACK_LENGTH) return DEFAULT_CALLBACK_PATH;
  if (AUTH_API_PATH.test(url.pathname) || (!opts.allowSignIn && SIGN_IN_PATH.test(url.pathname))) return DEFAULT_CALLBACK_PATH;
  return path;
}

/** `reason` on the sign-in page when the browser sent a session cookie whose session is over. */
export const SESSION_ENDED_REASON = "session-ended";

/**
 * The sign-in page URL that returns to `path` (a same-origin path) afterwards; "/login" for "/".
 * `opts.sessionEnded` adds `reason=session-ended`, which makes the page say why the user is there.
 */
export function loginPathFor(path: string | null | undefined, opts: { sessionEnded?: boolean } = {}): string {
  const query: string[] = [];
  if (path && path !== DEFAULT_CALLBACK_PATH) query.push(`callbackUrl=${encodeURIComponent(path)}`);
  if (opts.sessionEnded) query.push(`reason=${SESSION_ENDED_REASON}`);
  return query.length ? `/login?${query.join("&")}` : "/login";
}
