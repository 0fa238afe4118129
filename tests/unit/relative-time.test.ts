import { describe, expect, it } from "vitest";
import { relativeTime } from "@/lib/format/relative-time";
import { dateTime } from "@/lib/format/date-time";

const now = Date.parse("2026-11-30T12:00:00.000Z");
const ago = (seconds: number) => new Date(now - seconds * 1000);

describe("relativeTime", () => {
  it("says Never for no moment", () => {
    expect(relativeTime(null, now)).toBe("Never");
    expect(relativeTime(undefined, now)).toBe("Never");
  });

  it("counts in the largest unit under a month, past and future", () => {
    expect(relativeTime(ago(3), now)).toBe("just now");
    expect(relativeTime(ago(-5), now)).toBe("just now");
    expect(relativeTime(ago(42), now)).toBe("42 seconds ago");
    expect(relativeTime(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(-3 * 3600), now)).toBe("in 3 hours");
    expect(relativeTime(ago(3600), now)).toBe("1 hour ago");
    expect(relativeTime(ago(86_400), now)).toBe("yesterday");
    expect(relativeTime(ago(12 * 86_400), now)).toBe("12 days ago");
  });

  it("rounds to the nearest unit", () => {
    expect(relativeTime(ago(89), now)).toBe("1 minute ago");
    expect(relativeTime(ago(91), now)).toBe("2 minutes ago");
    expect(relativeTime(ago(23.4 * 3600), now)).toBe("23 hours ago");
  });

  it("gives the UTC calendar date from 30 days away, for Date and ISO string alike", () => {
    expect(relativeTime(ago(30 * 86_400), now)).toBe("Oct 31, 2026");
    expect(relativeTime("2025-01-01T23:30:00.000Z", now)).toBe("Jan 1, 2025");
    expect(relativeTime(new Date("2025-01-01T23:30:00.000Z"), now)).toBe("Jan 1, 2025");
  });
});

describe("dateTime", () => {
  it("writes the moment out in UTC", () => {
    expect(dateTime("2026-11-30T14:05:09.000Z")).toBe("Nov 30, 2026, 02:05:09 PM UTC");
    expect(dateTime(null)).toBe("—");
  });
});
