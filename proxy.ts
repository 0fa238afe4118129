// Runs before every page request. First, a write (a server action: POST with `Next-Action`, or a
// no-JavaScript form post) from another site is refused with a 403 in the contract's error shape
// (lib/security/same-origin.ts; Next's own, later check would answer a 500). Then a fresh CSP
// nonce per request, handed to the page through the request headers (Next applies it to its own
// scripts; app/layout.tsx to the theme script). Router prefetches get no nonce: they render no
// document. Every page request, prefetches included, carries its path and query in `x-omni-path`
// (replacing any client-sent one): a signed-out visitor is sent to /login with a callbackUrl back
// to the very page they asked for (server components cannot see the URL). API routes and static
// assets are excluded: they get static headers from next.config.ts, and /api/v1 authenticates
// every call itself.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/rules/safe-callback";
import { buildCsp, newNonce } from "@/lib/security/headers";
import { checkSameOrigin } from "@/lib/security/same-origin";
import { errorResponse } from "@/lib/api/responses";
import { forbidden } from "@/lib/errors";
import { log } from "@/lib/log";

const clip = (v: string | null) => (v && v.length > 100 ? `${v.slice(0, 100)}…` : v);

function requestId(request: NextRequest): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}

/** The requested path and query as the user sees it (without Next's internal `_rsc` cache-buster). */
function requestedPath(request: NextRequest): string {
  const url = request.nextUrl;
  if (!url.searchParams.has("_rsc")) return `${url.pathname}${url.search}`;
  const query = new URLSearchParams(url.searchParams);
  query.delete("_rsc");
  return `${url.pathname}${query.size ? `?${query}` : ""}`;
}

function isPrefetch(request: NextRequest): boolean {
  return request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
}

export function proxy(request: NextRequest) {
  const verdict = checkSameOrigin({
    method: request.method,
    headers: request.headers,
    url: request.url,
    publicUrl: process.env.NEXTAUTH_URL,
  });
  if (!verdict.ok) {
    const id = requestId(request);
    log.warn("cross-site write refused", {
      requestId: id,
      reason: verdict.reason,
      path: request.nextUrl.pathname,
      origin: clip(request.headers.get("origin")),
      host: clip(request.headers.get("x-forwarded-host") ?? request.headers.get("host")),
      action: request.headers.has("next-action"),
    });
    return errorResponse(forbidden(verdict.message, { reason: verdict.reason }), {
      "X-Request-Id": id,
      "Cache-Control": "no-store",
    });
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, requestedPath(request));
  if (isPrefetch(request)) return NextResponse.next({ request: { headers: requestHeaders } });

  const nonce = newNonce();
  const csp = buildCsp({ nonce, dev: process.env.NODE_ENV === "development" });
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Every page path, prefetches included (a prefetch header must not be a way around the check).
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
