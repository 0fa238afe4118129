import { describe, expect, it } from "vitest";
import { count, noun } from "@/lib/format/count";
import { secondsText, throttleMessage } from "@/lib/auth/rules/login-throttle";

describe("counted nouns", () => {
  it("agree with the number (no '1 seconds', no '2 identitys')", () => {
    expect(count(1, "second")).toBe("1 second");
    expect(count(0, "second")).toBe("0 seconds");
    expect(count(2, "second")).toBe("2 seconds");
    expect(count(1, "identity")).toBe("1 identity");
    expect(count(3, "identity")).toBe("3 identities");
    expect(count(1204, "route")).toBe("1,204 routes");
    expect(noun(1, "identity")).toBe("identity");
    expect(noun(5, "chat")).toBe("chats");
  });
  it("sign-in throttling says 'Try again in 1 second.'", () => {
    expect(secondsText(1)).toBe("1 second");
    expect(throttleMessage("address", 1)).toMatch(/Try again in 1 second\.$/);
    expect(throttleMessage("account", 2)).toMatch(/Try again in 2 seconds\.$/);
  });
});
