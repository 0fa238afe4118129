import { test, expect } from "../support/test";
import { PASSWORD, USERS, storageState } from "../support/env";

test.describe("signing in", () => {
  test("a protected page sends a visitor to the login page", async ({ page }) => {
    await page.goto("/instances");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/login.png" });
  });

  test("a wrong password gets a clear message and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(USERS.admin);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    const status = await page.request.get("/api/v1/auth/status");
    expect(status.status()).toBe(401);
  });

  test("invalid input is caught in the form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("the right password opens the dashboard shell, and sign-out ends it", async ({ page }) => {
    await page.goto("/login?callbackUrl=/instances");
    await page.getByLabel("Email").fill(USERS.admin);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/instances/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Routes", "Persons", "Audit log", "API keys", "Instances & agents"]) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
    await expect(page.getByText(USERS.admin).first()).toBeVisible();
    await page.getByRole("button", { name: /sign out/i }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/routes");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after six wrong passwords the form says how long to wait, in whole seconds, and then lets the user in", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(USERS.admin);
    const alert = page.locator("#login-error");
    const submit = async () => {
      const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: /sign in/i }).click();
      await answered;
    };
    for (let i = 1; i <= 6; i++) {
      await page.getByLabel("Password").fill(`not-the-password-${i}`);
      await submit();
      await expect(alert).toHaveText("Invalid email or password.");
    }
    await page.getByLabel("Password").fill(PASSWORD);
    await submit();
    await expect(alert).toHaveText(/^Too many failed sign-in attempts from your address\. Try again in (1 second|2 seconds)\.$/);
    const seconds = Number(/in (\d+) second/.exec((await alert.textContent()) ?? "")![1]);
    await page.waitForTimeout(seconds * 1000);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/routes/);
  });
});

test.describe("roles", () => {
  test.use({ storageState: storageState("viewer") });
  test("a viewer sees neither the audit log nor API keys", async ({ page }) => {
    await page.goto("/routes");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Routes" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
    await page.goto("/keys");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByText(/don't have access/i)).toBeVisible();
  });
});
