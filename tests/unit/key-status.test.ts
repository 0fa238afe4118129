import { describe, expect, it } from "vitest";
import { keyStatus } from "@/lib/keys/rules/key-status";

const now = new Date("2026-11-30T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe("keyStatus", () => {
  it("is active with no expiry and no revocation", () => {
    expect(keyStatus({ status: "active", expiresAt: null, revokedAt: null }, now)).toBe("active");
  });
  it("is expired once expiresAt has passed", () => {
    expect(keyStatus({ status: "active", expiresAt: earlier, revokedAt: null }, now)).toBe("expired");
    expect(keyStatus({ status: "active", expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(keyStatus({ status: "active", expiresAt: later, revokedAt: null }, now)).toBe("active");
  });
  it("stays active during a roll's grace period, then is revoked", () => {
    expect(keyStatus({ status: "revoked", expiresAt: null, revokedAt: later }, now)).toBe("active");
    expect(keyStatus({ status: "revoked", expiresAt: null, revokedAt: earlier }, now)).toBe("revoked");
    expect(keyStatus({ status: "revoked", expiresAt: null, revokedAt: null }, now)).toBe("revoked");
  });
  it("says revoked rather than expired when both apply", () => {
    expect(keyStatus({ status: "revoked", expiresAt: earlier, revokedAt: earlier }, now)).toBe("revoked");
  });
});
