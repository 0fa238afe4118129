import { describe, expect, it } from "vitest";
import { toE164 } from "@/lib/persons/rules/e164";

describe("toE164", () => {
  it.each([
    ["+1 415-555 0123", "+14155550123"],
    ["+55 (11) 98888-7777", "+5511988887777"],
    ["+49 170 9971 3206", "+4917099713206"],
  ])("normalises %s", (input, out) => {
    expect(toE164(input)).toEqual({ ok: true, number: out });
  });

  it("refuses a number without its country code, saying so", () => {
    const r = toE164("0170 9971 3206");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/Start with \+ and the country code/);
  });

  it("refuses an invalid international number", () => {
    const r = toE164("+1 555");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/Not a valid phone number/);
  });
});
