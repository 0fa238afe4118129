// Sessions that end, seen from the browser: a cookie replayed after sign-out is refused by the API
// and sends pages to the sign-in page; a user disabled from another browser lands there on their
// next click, told why; a lead sees API keys read-only and no Users page; the account page changes
// the password and lists the user's sessions. Screenshots of the account page at 390 and 1440 px.
import { type Browser, type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { createUser, signIn, status, uniq } from "../support/sessions";

const ENDED = "Your session has ended — sign in again.";

/** A fresh browser signed in through the sign-in form (its own cookie jar). */
async function browserSignIn(browser: Browser, email: string, password: string, path = "/routes") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname === path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return { context, page };
}

async function expectSignInPageSaysEnded(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === "/login");
  const url = new URL(page.url());
  expect(url.searchParams.get("callbackUrl")).toBe(path);
  expect(url.searchParams.get("reason")).toBe("session-ended");
  await expect(page.getByRole("status").filter({ hasText: ENDED })).toBeVisible();
}

test("sign out, then replay the saved cookie: the API answers 401 and pages go to sign-in, saying the session ended", async ({ browser, request }) => {
  const u = await createUser(request, "lead");
  const { context, page } = await browserSignIn(browser, u.email, u.password);
  const saved = await context.storageState();
  expect((await page.request.get("/api/v1/auth/status")).status()).toBe(200);
  await page.getByRole("button", { name: /sign out/i }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByText(ENDED)).toHaveCount(0); // signing out on purpose is not "ended"
  await context.close();

  const replayed = await browser.newContext({ storageState: saved });
  const again = await replayed.newPage();
  const api = await again.request.get("/api/v1/auth/status");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("UNAUTHENTICATED");
  await again.goto("/persons?q=ana");
  await expectSignInPageSaysEnded(again, "/persons?q=ana");
  await replayed.close();
});

test("a user disabled from another browser: their next click lands on sign-in with the message, and signing in is refused", async ({ browser, request }) => {
  test.slow();
  const u = await createUser(request, "viewer");
  const them = await browserSignIn(browser, u.email, u.password, "/routes");

  const adminContext = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/users");
  await adminPage.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await adminPage.getByLabel("Search users").fill(u.email);
  await adminPage.getByRole("button", { name: `Actions for ${u.email}` }).click();
  await adminPage.getByRole("menuitem", { name: "Disable…" }).click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Disable user" }).click();
  await expect(adminPage.getByRole("alertdialog")).toBeHidden();
  await adminContext.close();

  // their page is still open; the next click in it
  await them.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Persons" }).click();
  await expectSignInPageSaysEnded(them.page, "/persons");
  await them.page.getByLabel("Email").fill(u.email);
  await them.page.getByLabel("Password").fill(u.password);
  await them.page.getByRole("button", { name: /sign in/i }).click();
  await expect(them.page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  await them.context.close();
});

test("a lead sees API keys read-only (no create, edit, roll, revoke or delete) and no Users page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("lead") });
  const page = await context.newPage();
  await page.goto("/keys");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: /new api key/i })).toHaveCount(0);
  await page.getByRole("button", { name: /^actions for /i }).first().click();
  await expect(page.getByRole("menuitem", { name: "Usage" })).toBeVisible();
  for (const name of ["Edit", "Roll…", "Revoke…", "Delete…"]) await expect(page.getByRole("menuitem", { name })).toHaveCount(0);
  await page.keyboard.press("Escape");
  expect((await page.request.post("/api/v1/keys", { data: { name: "sneaky", scopes: ["routes:read"] } })).status()).toBe(403);

  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/forbidden$/);
  await context.close();
});

test("the account page: own name, password change (reasons on the fields), and the list of own sessions", async ({ browser, request }) => {
  test.slow();
  const u = await createUser(request, "lead");
  const other = await signIn(u.email, u.password); // a second session, elsewhere
  const { context, page } = await browserSignIn(browser, u.email, u.password);
  await page.getByRole("link", { name: /^Your account/ }).click();
  await page.waitForURL((url) => url.pathname === "/account");
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText(u.email).first()).toBeVisible();

  const sessions = page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "this session" })).toHaveCount(1);
  await expect(sessions.filter({ hasText: "this session" })).toContainText(/Chrome/);
  await expect(sessions.first()).toContainText("Signed in");
  await expect(sessions.first()).toContainText("Last seen");
  await expect(sessions.first()).toContainText(/IP (127\.0\.0\.1|::1)/);

  // name
  const name = `Renamed ${uniq()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: `Your account: ${name}` })).toBeVisible();

  // password: a wrong current one, then a weak new one, each on its field
  const current = page.getByLabel("Current password");
  const fresh = page.getByLabel("New password");
  await current.fill("not-my-password");
  await fresh.fill("copper-walrus-meadow-17");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Wrong password.")).toBeVisible();
  await current.fill(u.password);
  await fresh.fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(fresh).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Too easy to guess/)).toBeVisible();
  await fresh.fill("copper-walrus-meadow-17");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed. 1 other session was signed out." })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText("this session");
  expect((await status(other)).code).toBe(401);
  expect((await page.request.get("/api/v1/auth/status")).status()).toBe(200);
  const withNew = await signIn(u.email, "copper-walrus-meadow-17");
  await Promise.all([other.dispose(), withNew.dispose()]);

  for (const [width, height, file] of [[1440, 900, "account.png"], [390, 844, "account-mobile.png"]] as const) {
    await page.setViewportSize({ width, height });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `docs/screenshots/${file}`, fullPage: true });
  }
  await context.close();
});
