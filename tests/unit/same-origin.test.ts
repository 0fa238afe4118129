import { describe, expect, it } from "vitest";
import { checkSameOrigin, expectedHosts, type OriginCheckInput } from "@/lib/security/same-origin";

const req = (headers: Record<string, string>, over: Partial<Omit<OriginCheckInput, "headers">> = {}): OriginCheckInput => ({
  method: "POST",
  headers: new Headers(headers),
  url: "http://localhost:3000/instances",
  publicUrl: null,
  ...over,
});
const action = { "next-action": "7f954c2c48954e241708781fac25661bdbecf69cdf" };
const refused = (i: OriginCheckInput) => {
  const v = checkSameOrigin(i);
  return v.ok ? null : v.reason;
};

describe("cross-site writes to pages", () => {
  it("lets a server action from the app's own origin through", () => {
    expect(refused(req({ ...action, host: "localhost:3000", origin: "http://localhost:3000" }))).toBeNull();
  });

  it("refuses a server action from another site, and a no-JavaScript form post from one", () => {
    expect(refused(req({ ...action, host: "localhost:3000", origin: "https://evil.example" }))).toBe("foreign-origin");
    expect(refused(req({ host: "localhost:3000", origin: "https://evil.example", "content-type": "multipart/form-data; boundary=x" }))).toBe("foreign-origin");
    // same name, another port or a sibling subdomain: another origin
    expect(refused(req({ ...action, host: "localhost:3000", origin: "http://localhost:3001" }))).toBe("foreign-origin");
    expect(refused(req({ ...action, host: "admin.example.com", origin: "https://evil.admin.example.com" }))).toBe("foreign-origin");
    expect(refused(req({ ...action, host: "admin.example.com", origin: "https://admin.example.com.evil.io" }))).toBe("foreign-origin");
  });

  it("checks every state-changing method, never reads", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "post"]) {
      expect(refused(req({ host: "localhost:3000", origin: "https://evil.example" }, { method }))).toBe("foreign-origin");
    }
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(refused(req({ host: "localhost:3000", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { method }))).toBeNull();
    }
  });

  it("refuses an opaque or malformed Origin", () => {
    expect(refused(req({ ...action, host: "localhost:3000", origin: "null" }))).toBe("opaque-origin");
    expect(refused(req({ ...action, host: "localhost:3000", origin: "localhost:3000" }))).toBe("malformed-origin");
    expect(refused(req({ ...action, host: "localhost:3000", origin: "javascript://localhost:3000" }))).toBe("malformed-origin");
  });

  it("without an Origin, refuses what the browser marks cross-site and lets other clients through", () => {
    expect(refused(req({ ...action, host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe("cross-site-fetch");
    expect(refused(req({ ...action, host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(refused(req({ ...action, host: "localhost:3000" }))).toBeNull();
  });

  it("with no Host at all, nothing matches an Origin", () => {
    expect(refused(req({ ...action, origin: "http://localhost:3000" }))).toBe("foreign-origin");
  });
});

describe("behind a reverse proxy", () => {
  it("compares with X-Forwarded-Host (the first, when chained) instead of Host, as Next does", () => {
    const h = { ...action, host: "127.0.0.1:3000", "x-forwarded-host": "admin.example.com, internal.lan", "x-forwarded-proto": "https" };
    expect(refused(req({ ...h, origin: "https://admin.example.com" }))).toBeNull();
    expect(refused(req({ ...h, origin: "http://127.0.0.1:3000" }))).toBe("foreign-origin");
    expect(refused(req({ ...h, origin: "https://evil.example" }))).toBe("foreign-origin");
  });

  it("drops the default port of the forwarded scheme, and compares hosts only (TLS ended at the proxy)", () => {
    expect(expectedHosts(req({ host: "127.0.0.1:3000", "x-forwarded-host": "Admin.Example.com:443", "x-forwarded-proto": "https" }))).toEqual(["admin.example.com"]);
    expect(expectedHosts(req({ host: "admin.example.com:80" }))).toEqual(["admin.example.com"]);
    expect(refused(req({ ...action, host: "admin.example.com", origin: "https://admin.example.com" }))).toBeNull();
  });

  it("always accepts NEXTAUTH_URL's host, and ignores a Host that is not a host", () => {
    const publicUrl = "https://admin.example.com/";
    expect(refused(req({ ...action, host: "10.0.0.5:3000", origin: "https://admin.example.com" }, { publicUrl }))).toBeNull();
    expect(refused(req({ ...action, host: "10.0.0.5:3000", origin: "https://evil.example" }, { publicUrl }))).toBe("foreign-origin");
    expect(expectedHosts(req({ host: "evil.example@admin.example.com" }))).toEqual([]);
    expect(expectedHosts(req({ "x-forwarded-host": "admin.example.com/x" }))).toEqual([]);
  });
});
