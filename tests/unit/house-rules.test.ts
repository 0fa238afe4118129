// The house rules of the source tree (README "Architecture"), checked on every run: small files,
// small folders, one home for the client address.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tracked = [...new Set(execFileSync("git", ["ls-files", "-co", "--exclude-standard", "lib", "app", "components"], { encoding: "utf8" })
  .split("\n"))]
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith("lib/generated/") && fs.existsSync(f));

describe("house rules", () => {
  it("no source file in lib/, app/ or components/ is over 300 lines", () => {
    const long = tracked
      .map((f) => ({ f, lines: fs.readFileSync(f, "utf8").split("\n").length }))
      .filter((x) => x.lines > 300)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });

  it("no folder in lib/ holds more than 12 source files", () => {
    const perFolder = new Map<string, number>();
    for (const f of tracked.filter((f) => f.startsWith("lib/"))) perFolder.set(path.dirname(f), (perFolder.get(path.dirname(f)) ?? 0) + 1);
    const crowded = [...perFolder].filter(([, n]) => n > 12).map(([d, n]) => `${d}: ${n} files`);
    expect(crowded).toEqual([]);
  });
});

describe("one client address", () => {
  it("X-Forwarded-For is read in one module of lib/, app/ and components/ (lib/security/client-address.ts)", () => {
    const readers = tracked.filter((f) => /x-forwarded-for/i.test(fs.readFileSync(f, "utf8")));
    expect(readers).toEqual(["lib/security/client-address.ts"]);
  });
});
