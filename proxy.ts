// Runs before every page render: a fresh CSP nonce per request, handed to the page through the
// request headers (Next applies it to its own scripts; app/layout.tsx to the theme script).
// API routes and static assets are excluded: they get static headers from next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, newNonce } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = buildCsp({ nonce, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
