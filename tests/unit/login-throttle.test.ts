import { describe, expect, it } from "vitest";
import { loginWaitSeconds, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/login-throttle";

describe("login throttling", () => {
  it("lets five failures through, then makes the address wait longer and longer", async () => {
    const ip = `10.0.0.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < 5; i++) {
      await recordLoginFailure(ip);
      expect(await loginWaitSeconds(ip)).toBe(0);
    }
    await recordLoginFailure(ip);
    const first = await loginWaitSeconds(ip);
    expect(first).toBeGreaterThan(0);
    await recordLoginFailure(ip);
    expect(await loginWaitSeconds(ip)).toBeGreaterThan(first);
    expect(await loginWaitSeconds("192.0.2.1")).toBe(0); // other addresses are unaffected
  });

  it("caps the wait at a minute and clears it on success", async () => {
    const ip = "10.1.1.1";
    for (let i = 0; i < 20; i++) await recordLoginFailure(ip);
    expect(await loginWaitSeconds(ip)).toBeLessThanOrEqual(60);
    await recordLoginSuccess(ip);
    expect(await loginWaitSeconds(ip)).toBe(0);
  });
});
