import { afterEach, describe, expect, it, vi } from "vitest";
import { recordSignInFailure, recordSignInSuccess, signInRefusal } from "@/lib/auth/login-throttle";
import {
  ACCOUNT_POLICY, ADDRESS_POLICY, secondsText, throttleMessage, waitAfterFailures, wholeSecondsLeft,
} from "@/lib/auth/rules/login-throttle";

const uniq = () => Math.random().toString(36).slice(2, 10);
const addr = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-in throttling rules (pure)", () => {
  it("grows the wait from the first failure past the free ones, up to the cap", () => {
    expect([5, 6, 7, 8, 11, 12, 40].map((n) => waitAfterFailures(n, ADDRESS_POLICY))).toEqual([0, 2, 4, 8, 60, 60, 60]);
    expect([10, 11, 12, 16, 1000].map((n) => waitAfterFailures(n, ACCOUNT_POLICY))).toEqual([0, 30, 60, 900, 900]);
  });

  it("states a wait in whole seconds, rounded up, and grammatically", () => {
    expect([1, 999, 1000, 1001, 1999, 2000, 0, -5].map(wholeSecondsLeft)).toEqual([1, 1, 1, 2, 2, 2, 0, 0]);
    expect(secondsText(1)).toBe("1 second");
    expect(secondsText(2)).toBe("2 seconds");
    expect(throttleMessage("address", 1)).toBe("Too many failed sign-in attempts from your address. Try again in 1 second.");
    expect(throttleMessage("account", 30)).toBe("Too many failed sign-in attempts for this account. Try again in 30 seconds.");
  });
});

describe("sign-in throttling (counters)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("an address that fails six times waits, whatever accounts it tried", async () => {
    const address = addr();
    for (let i = 0; i < 5; i++) {
      await recordSignInFailure({ address, email: `${uniq()}@example.test` });
      expect(await signInRefusal({ address, email: `${uniq()}@example.test` })).toBeNull();
    }
    await recordSignInFailure({ address, email: `${uniq()}@example.test` });
    const r = await signInRefusal({ address, email: `${uniq()}@example.test` });
    expect(r).toMatchObject({ reason: "address", waitSeconds: 2 });
    expect(r?.message).toBe("Too many failed sign-in attempts from your address. Try again in 2 seconds.");
    expect(await signInRefusal({ address: addr(), email: `${uniq()}@example.test` })).toBeNull(); // others unaffected
  });

  it("says '1 second' when less than a second is left, and the wait is over when it says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const address = addr();
    for (let i = 0; i < 6; i++) await recordSignInFailure({ address, email: "" });
    vi.advanceTimersByTime(1500);
    const r = await signInRefusal({ address, email: "" });
    expect(r?.message).toBe("Too many failed sign-in attempts from your address. Try again in 1 second.");
    vi.advanceTimersByTime(r!.waitSeconds * 1000);
    expect(await signInRefusal({ address, email: "" })).toBeNull();
  });

  it("an account that fails eleven times from eleven addresses is locked for every address", async () => {
    const email = `Target-${uniq()}@Example.test`;
    for (let i = 0; i < 10; i++) {
      expect((await recordSignInFailure({ address: addr(), email })).accountLockedSeconds).toBe(0);
    }
    const locking = await recordSignInFailure({ address: addr(), email: ` ${email.toLowerCase()} ` });
    expect(locking).toEqual({ accountLockedSeconds: 30, accountFailures: 11 });
    const r = await signInRefusal({ address: addr(), email });
    expect(r).toMatchObject({ reason: "account", waitSeconds: 30 });
    expect(r?.message).toBe("Too many failed sign-in attempts for this account. Try again in 30 seconds.");
    expect(await signInRefusal({ address: addr(), email: `other-${uniq()}@example.test` })).toBeNull();
  });

  it("a success clears the address's and the account's counts", async () => {
    const address = addr();
    const email = `${uniq()}@example.test`;
    for (let i = 0; i < 8; i++) await recordSignInFailure({ address, email });
    expect(await signInRefusal({ address, email })).not.toBeNull();
    await recordSignInSuccess({ address, email });
    expect(await signInRefusal({ address, email })).toBeNull();
    await recordSignInFailure({ address, email });
    expect(await signInRefusal({ address, email })).toBeNull(); // counting starts again from zero
  });

  it("an unknown address (not served by the app's HTTP server) is counted as one", async () => {
    for (let i = 0; i < 6; i++) await recordSignInFailure({ address: null, email: "" });
    expect((await signInRefusal({ address: null, email: "" }))?.reason).toBe("address");
    await recordSignInSuccess({ address: null, email: "" });
  });
});
