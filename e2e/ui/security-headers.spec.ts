// Every page is served with a strict nonce-based CSP and the standard security headers, and the
// app still works under it: no CSP violation on any page, the client hydrates (the theme toggle
// and client navigation respond).
import { type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { storageState } from "../support/env";

const PAGES = ["/routes", "/routes/test", "/persons", "/persons/merge", "/persons/duplicates", "/audit", "/keys", "/api-docs", "/instances"];

function collectViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

function cspOf(headers: Record<string, string>) {
  return Object.fromEntries(
    (headers["content-security-policy"] ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
  );
}

test("the login page carries a per-request nonce CSP and works under it", async ({ page }) => {
  const problems = collectViolations(page);
  const first = await page.goto("/login");
  const second = await page.request.get("/login");
  const a = cspOf(first!.headers());
  const b = cspOf(second.headers());
  expect(a["script-src"]).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
  expect(a["script-src"].find((s: string) => s.startsWith("'nonce-"))).toBeTruthy();
  expect(a["script-src"]).not.toContain("'unsafe-inline'");
  expect(a["script-src"]).not.toEqual(b["script-src"]); // a fresh nonce per response
  expect(a["frame-ancestors"]).toEqual(["'none'"]);
  expect(first!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first!.headers()["x-frame-options"]).toBe("DENY");
  // Hydrated: client-side validation runs.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expect(problems).toEqual([]);
});

test.describe("signed in", () => {
  test.use({ storageState: storageState("admin") });

  test("no dashboard page violates the CSP, and each hydrates", async ({ page }) => {
    test.setTimeout(60_000);
    const problems = collectViolations(page);
    for (const path of PAGES) {
      const res = await page.goto(path);
      expect(res!.status(), path).toBeLessThan(400);
      expect(res!.headers()["content-security-policy"], path).toContain("'nonce-");
      await page.waitForLoadState("load");
    }
    // Client navigation works (the bundle ran under the policy).
    await page.getByRole("link", { name: "Instances & agents" }).first().click();
    await expect(page).toHaveURL(/\/instances/);
    expect(problems).toEqual([]);
  });

  test("API responses forbid being loaded as documents", async ({ request }) => {
    const res = await request.get("/api/v1/info");
    expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  });
});
