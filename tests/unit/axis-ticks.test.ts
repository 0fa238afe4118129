import { describe, expect, it } from "vitest";
import { axisTicks } from "@/lib/format/axis-ticks";

describe("axisTicks", () => {
  it("covers the maximum in four round steps", () => {
    expect(axisTicks(2.6)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(axisTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(axisTicks(0.013)).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(axisTicks(1234)).toEqual([0, 500, 1000, 1500, 2000]);
  });
  it("gives exact decimals (no 0.30000000000000004)", () => {
    expect(axisTicks(0.4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(axisTicks(0.4).map(String)).toEqual(["0", "0.1", "0.2", "0.3", "0.4"]);
  });
  it("falls back to a step of 1 when there is nothing to scale", () => {
    expect(axisTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(Number.NaN)).toEqual([0, 1, 2, 3, 4]);
  });
  it("takes another number of intervals", () => {
    expect(axisTicks(10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
