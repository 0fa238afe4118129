// Writes to /api/v1 authenticated by the browser's session cookie (not a Bearer key) must come
// from this app's own pages, as JSON. A browser attaches the cookie to requests other sites make
// (a form post, a no-cors fetch), so a cross-site request — by `Origin` or `Sec-Fetch-Site`
// (lib/security/same-origin.ts, the check server actions get in proxy.ts) — is refused with 403,
// and a body that is not `application/json` (what an HTML form or a "simple" fetch can send
// without a CORS preflight) with 415. Bearer-key requests never reach this.
import { AppError, forbidden } from "../errors";
import { checkSameOrigin } from "../security/same-origin";

/** Methods that change nothing: never checked. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type RequestLike = { method: string; url: string; headers: { get(name: string): string | null } };

/** Does the request carry a body? (HTTP/1.1: a non-zero Content-Length, or Transfer-Encoding.) */
export function hasBody(headers: RequestLike["headers"]): boolean {
  const length = headers.get("content-length");
  if (length !== null && length.trim() !== "") return Number(length) !== 0;
  return headers.get("transfer-encoding") !== null;
}

/** Is this Content-Type `application/json` (any case, any parameters such as charset)? */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * Throws unless a session-cookie request may go on: safe methods always may; a write must be
 * same-origin (else AppError FORBIDDEN 403, `details.reason: "cross-site"`) and, when it has a
 * body, be `application/json` (else AppError UNSUPPORTED_MEDIA_TYPE 415).
 * `publicUrl` is NEXTAUTH_URL (its host is always accepted, as for server actions).
 */
export function assertSessionWriteAllowed(req: RequestLike, publicUrl = process.env.NEXTAUTH_URL): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const verdict = checkSameOrigin({ method: req.method, headers: req.headers, url: req.url, publicUrl });
  if (!verdict.ok) {
    throw forbidden("Cross-site requests cannot change anything here: a browser session writes only from this app's own pages.", {
      reason: "cross-site",
    });
  }
  if (hasBody(req.headers) && !isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json).", {
      expected: "application/json",
    });
  }
}
