import { describe, expect, it } from "vitest";
import { loginPathFor, MAX_CALLBACK_LENGTH, safeCallbackPath } from "@/lib/auth/rules/safe-callback";

const APP = "http://localhost:3000";
const go = (value: unknown, origin: string | string[] = APP) => safeCallbackPath(value, origin);

/** What a browser does with a Location header: resolve it against the page it came from. */
const followedTo = (location: string) => new URL(location, `${APP}/login`).origin;

describe("callbackUrl after sign-in", () => {
  it("follows same-origin paths, keeping the query and the hash", () => {
    expect(go("/persons?q=ana")).toBe("/persons?q=ana");
    expect(go("/persons/123#identities")).toBe("/persons/123#identities");
    expect(go("/audit?action=person.merge&from=2026-01-01")).toBe("/audit?action=person.merge&from=2026-01-01");
    expect(go(["/routes?instance=a", "/evil"])).toBe("/routes?instance=a"); // repeated param: the first
  });

  it("reduces an absolute URL on this app's origin (what next-auth sends) to its path", () => {
    expect(go("http://localhost:3000/persons?q=ana")).toBe("/persons?q=ana");
    expect(go("HTTP://LOCALHOST:3000/keys")).toBe("/keys");
    expect(go("https://admin.example.com/keys", [APP, "https://admin.example.com"])).toBe("/keys");
  });

  it.each([
    "//evil.example",
    "//evil.example/routes",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\t\n\r/evil.example",
    "https://evil.example/persons",
    "http://localhost:3001/persons",
    "https://localhost:3000/persons",
    "http://localhost:3000@evil.example/",
    "http://localhost:3000.evil.example/",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
  ])("refuses %j: goes to /", (hostile) => {
    expect(go(hostile)).toBe("/");
  });

  it("never returns something a browser would follow to another origin, or a header-breaking character", () => {
    const inputs = ["/\t/evil.example", "/\n/evil.example", "/a\r\nSet-Cookie: x=1", "/é?q=ü#ö", "/x\u0000y", "/%0A/evil", "/%09/evil", "/\u2028/x"];
    for (const v of inputs) {
      const out = go(v);
      expect(followedTo(out), JSON.stringify(v)).toBe(APP);
      expect(out, JSON.stringify(v)).toMatch(/^\/(?!\/)[\x21-\x7e]*$/); // printable ASCII, one leading slash
    }
    expect(go("/%0A/evil")).toBe("/%0A/evil"); // an encoded newline stays encoded (a path on this site)
  });

  it("does not loop back to the sign-in page nor to next-auth's endpoints", () => {
    expect(go("/login")).toBe("/");
    expect(go("/login?callbackUrl=%2Flogin")).toBe("/");
    expect(go("http://localhost:3000/login/")).toBe("/");
    expect(go("/api/auth/signout")).toBe("/");
    expect(go("/loginsomething")).toBe("/loginsomething");
    // signing out goes to the sign-in page: allowed when asked for, still same-origin only
    expect(safeCallbackPath("/login", APP, { allowSignIn: true })).toBe("/login");
    expect(safeCallbackPath("//evil.example/login", APP, { allowSignIn: true })).toBe("/");
    expect(safeCallbackPath("/api/auth/signout", APP, { allowSignIn: true })).toBe("/");
  });

  it("refuses missing, non-string and very long values", () => {
    expect(go(undefined)).toBe("/");
    expect(go(null)).toBe("/");
    expect(go("")).toBe("/");
    expect(go([])).toBe("/");
    expect(go(42)).toBe("/");
    expect(go({ toString: () => "/persons" })).toBe("/");
    expect(go(`/persons?q=${"a".repeat(MAX_CALLBACK_LENGTH)}`)).toBe("/");
    expect(go(`/${"é".repeat(1000)}`)).toBe("/"); // short raw, too long once encoded
    expect(go(`/persons?q=${"a".repeat(100)}`)).toBe(`/persons?q=${"a".repeat(100)}`);
  });

  it("refuses everything when the app origin itself is unusable", () => {
    expect(go("/persons", "not a url")).toBe("/");
    expect(go("/persons", [])).toBe("/");
  });
});

describe("loginPathFor", () => {
  it("carries the path and query as callbackUrl", () => {
    expect(loginPathFor("/persons?q=ana")).toBe("/login?callbackUrl=%2Fpersons%3Fq%3Dana");
    expect(go(new URL(loginPathFor("/persons?q=ana"), APP).searchParams.get("callbackUrl"))).toBe("/persons?q=ana");
    expect(loginPathFor("/")).toBe("/login");
    expect(loginPathFor(null)).toBe("/login");
  });
});
