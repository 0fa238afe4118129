// GET /login/proxy?callbackUrl=…: signs in the user an authenticating reverse proxy names in
// OMNI_PROXY_AUTH_HEADER (only from OMNI_TRUSTED_PROXIES peers) with a product session, then goes
// to callbackUrl (same-origin paths only). The sign-in page sends such visitors here.
import { NextResponse, type NextRequest } from "next/server";
import { proxySignIn } from "@/lib/sso/proxy-sign-in";
import { sessionCookieFor } from "@/lib/sso/session-cookie";
import { safeCallbackPath } from "@/lib/auth/rules/safe-callback";
import { ssoRefusedPath } from "@/lib/auth/rules/sign-in-errors";
import { appOrigins } from "@/lib/auth/session";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const origins = await appOrigins();
  const go = (path: string) => NextResponse.redirect(new URL(path, origins[0] ?? req.url), { status: 303, headers: { "Cache-Control": "no-store" } });
  try {
    const r = await proxySignIn(req.headers);
    if (!r) return go(ssoRefusedPath("untrusted", "proxy"));
    if (!r.ok) return go(ssoRefusedPath(r.reason, "proxy"));
    const res = go(safeCallbackPath(req.nextUrl.searchParams.get("callbackUrl"), origins));
    const c = await sessionCookieFor(r.user.id, r.sessionId);
    res.cookies.set(c.name, c.value, c.options);
    return res;
  } catch (e) {
    log.error("proxy sign-in failed", { error: e instanceof Error ? e.message : String(e) });
    return go(ssoRefusedPath("unavailable", "proxy"));
  }
}
