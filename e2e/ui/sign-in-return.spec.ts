// Signing in brings the user back where they were: a deep link opened while signed out, and a
// form whose session ended mid-edit (the input stays; the sign-in link returns to the page).
import type { Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { PASSWORD, USERS, bearer, keys } from "../support/env";
import { uniq } from "../support/persons";

async function signIn(page: Page) {
  await page.getByLabel("Email").fill(USERS.admin);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
}

test("a deep link opened while signed out lands on that page, query included, after signing in", async ({ page }) => {
  await page.goto("/persons?q=ana");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/persons?q=ana");
  await signIn(page);
  await page.waitForURL((url) => url.pathname === "/persons");
  expect(new URL(page.url()).search).toBe("?q=ana");
  await expect(page.getByLabel("Search persons")).toHaveValue("ana");
});

test("a form whose session ended keeps its input and offers a sign-in that returns to the page", async ({ page, context, request }) => {
  await page.goto("/login?callbackUrl=%2Finstances");
  await signIn(page);
  await page.waitForURL((url) => url.pathname === "/instances");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  const name = `after-expiry-${uniq()}`;
  await page.getByRole("button", { name: "New instance" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await context.clearCookies(); // the session ends while the dialog is open
  await dialog.getByRole("button", { name: "Create instance" }).click();

  const notice = dialog.getByRole("alert").filter({ hasText: "Your session has ended — sign in again" });
  await expect(notice).toBeVisible();
  const link = notice.getByRole("link", { name: "sign in again" });
  await expect(link).toHaveAttribute("href", "/login?callbackUrl=%2Finstances");
  // the click was not lost: same page, dialog open, input kept
  expect(new URL(page.url()).pathname).toBe("/instances");
  await expect(dialog.getByLabel("Name")).toHaveValue(name);

  // sign in again in the tab the link opens: it comes back to this page
  const [tab] = await Promise.all([context.waitForEvent("page"), link.click()]);
  await tab.waitForLoadState();
  await expect(tab).toHaveURL(/\/login\?callbackUrl=%2Finstances/);
  await tab.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await signIn(tab);
  await tab.waitForURL((url) => url.pathname === "/instances");
  await tab.close();

  // back here, the same input is submitted again and succeeds
  await dialog.getByRole("button", { name: "Create instance" }).click();
  await expect(dialog).toBeHidden();
  const list = await request.get("/api/v1/instances?limit=200", { headers: bearer(keys().all.key) });
  expect(((await list.json()).items as { name: string }[]).map((i) => i.name)).toContain(name);
});

test("a one-click change whose session ended stays on the page and says so, instead of landing on the sign-in page", async ({ page, context, request }) => {
  const h = bearer(keys().all.key);
  const tag = uniq();
  const agent = await request.post("/api/v1/agents", { headers: h, data: { name: `Expiry agent ${tag}`, provider: "openai" } });
  expect(agent.status()).toBe(201);
  const instance = await request.post("/api/v1/instances", { headers: h, data: { name: `expiry-${tag}`, channel: "telegram" } });
  expect(instance.status()).toBe(201);
  const instanceId = (await instance.json()).data.id as string;

  await page.goto("/login?callbackUrl=%2Finstances");
  await signIn(page);
  await page.waitForURL((url) => url.pathname === "/instances");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await context.clearCookies();
  await page.getByLabel(`Default agent of expiry-${tag}`).selectOption({ label: `Expiry agent ${tag}` });

  const notice = page.getByRole("alert").filter({ hasText: "Your session has ended — sign in again" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("link", { name: "sign in again" })).toHaveAttribute("href", "/login?callbackUrl=%2Finstances");
  expect(new URL(page.url()).pathname).toBe("/instances");
  const after = await request.get(`/api/v1/instances/${instanceId}`, { headers: h });
  expect((await after.json()).data.defaultAgentId).toBeNull();
});
