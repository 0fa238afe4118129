// A page that sends a visitor to sign in says why when the browser still sent a session cookie
// (its session ended): loginPathFor's `reason`, and which cookie names count as the session cookie.
import { describe, expect, it } from "vitest";
import { loginPathFor, SESSION_ENDED_REASON } from "@/lib/auth/rules/safe-callback";
import { hasSessionCookie } from "@/lib/auth/rules/session-cookie";

describe("loginPathFor with a session that ended", () => {
  it("adds reason=session-ended after the callbackUrl, and alone for the home page", () => {
    expect(loginPathFor("/persons?q=ana", { sessionEnded: true })).toBe("/login?callbackUrl=%2Fpersons%3Fq%3Dana&reason=session-ended");
    expect(loginPathFor("/", { sessionEnded: true })).toBe("/login?reason=session-ended");
    expect(loginPathFor(null, { sessionEnded: true })).toBe("/login?reason=session-ended");
    const url = new URL(loginPathFor("/keys?status=revoked", { sessionEnded: true }), "http://localhost");
    expect(url.searchParams.get("callbackUrl")).toBe("/keys?status=revoked");
    expect(url.searchParams.get("reason")).toBe(SESSION_ENDED_REASON);
  });

  it("says nothing for a first visit", () => {
    expect(loginPathFor("/persons", { sessionEnded: false })).toBe("/login?callbackUrl=%2Fpersons");
    expect(loginPathFor("/persons")).toBe("/login?callbackUrl=%2Fpersons");
  });
});

describe("hasSessionCookie", () => {
  it("recognises next-auth's session cookie, secure-prefixed and chunked", () => {
    expect(hasSessionCookie(["next-auth.session-token"])).toBe(true);
    expect(hasSessionCookie(["theme", "__Secure-next-auth.session-token"])).toBe(true);
    expect(hasSessionCookie(["next-auth.session-token.0", "next-auth.session-token.1"])).toBe(true);
  });

  it("ignores next-auth's other cookies and look-alikes", () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie(["next-auth.csrf-token", "next-auth.callback-url", "__Host-next-auth.csrf-token"])).toBe(false);
    expect(hasSessionCookie(["my-next-auth.session-token", "next-auth.session-token-old", "next-auth.session-tokens"])).toBe(false);
  });
});
