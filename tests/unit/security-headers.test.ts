import { describe, expect, it } from "vitest";
import { API_CSP, buildCsp, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

const directives = (csp: string) =>
  Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe("content security policy", () => {
  it("lets only this request's nonce run scripts in production", () => {
    const d = directives(buildCsp({ nonce: "abc123" }));
    expect(d["script-src"]).toContain("'nonce-abc123'");
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
  });

  it("allows eval only in development (React's dev tooling needs it)", () => {
    expect(directives(buildCsp({ nonce: "n", dev: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("forbids everything for API responses", () => {
    expect(API_CSP).toContain("default-src 'none'");
  });

  it("sends nosniff, a referrer policy and no framing on every response", () => {
    const keys = STATIC_SECURITY_HEADERS.map((h) => h.key);
    expect(keys).toEqual(expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]));
  });

  it("makes a fresh nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("database URL in messages", () => {
  it("masks a PostgreSQL password and leaves SQLite paths alone", async () => {
    const { redactedDatabaseUrl } = await import("@/lib/db/url");
    expect(redactedDatabaseUrl("postgresql://omni:s3cret@db:5432/omni")).toBe("postgresql://omni:***@db:5432/omni");
    expect(redactedDatabaseUrl("file:./data/omni.db")).toBe("file:./data/omni.db");
  });
});
