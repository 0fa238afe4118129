// Stored values are rendered as text, never as markup; the session cookie cannot be read by
// scripts nor sent by other sites; roles hold in the browser and over the API.
import { type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { createPerson, uniq } from "../support/persons";

const PAYLOAD = "<img src=x onerror=\"window.__xss=1;alert(1)\">";

function watchForScript(page: Page) {
  const fired: string[] = [];
  page.on("dialog", async (d) => {
    fired.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  return fired;
}

test.describe("as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("a person named like an HTML payload is shown as text everywhere, and nothing runs", async ({ page, request }) => {
    const tag = uniq();
    const person = await createPerson(request, { displayName: `${PAYLOAD} ${tag}`, identities: [{ channel: "wa", username: `<script>alert(2)</script>${tag}` }] });
    const fired = watchForScript(page);

    await page.goto(`/persons?q=${tag}`);
    await expect(page.getByText(`${PAYLOAD} ${tag}`).first()).toBeVisible();
    await page.goto(`/persons/${person.id}`);
    await expect(page.getByText(`${PAYLOAD} ${tag}`).first()).toBeVisible();
    await expect(page.getByText(`<script>alert(2)</script>${tag}`).first()).toBeVisible();
    await page.goto("/audit");
    await page.waitForLoadState("load");

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(fired).toEqual([]);
    expect(await page.locator("img[src='x']").count()).toBe(0);
  });

  test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
    await page.goto("/routes");
    const session = (await context.cookies()).find((c) => /session-token/.test(c.name));
    expect(session, "a next-auth session cookie").toBeTruthy();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("admin pages refuse, and the session cannot call admin or write endpoints", async ({ page }) => {
    await page.goto("/keys");
    await expect(page.getByText(/not allowed|forbidden|admins only|don.t have access/i).first()).toBeVisible();
    const api = page.request;
    expect((await api.get("/api/v1/keys")).status()).toBe(403);
    expect((await api.post("/api/v1/keys", { data: { name: "sneaky", scopes: ["*"] } })).status()).toBe(403);
    expect((await api.post("/api/v1/persons", { data: { displayName: "sneaky" } })).status()).toBe(403);
    expect((await api.get("/api/v1/audit")).status()).toBe(403);
    expect((await api.get("/api/v1/routes")).status()).toBe(200); // reading is what a viewer may do
  });
});

test.describe("as a lead", () => {
  test.use({ storageState: storageState("lead") });

  test("reviews the audit log and reads, but cannot issue keys or write routes", async ({ page }) => {
    const api = page.request;
    expect((await api.get("/api/v1/audit")).status()).toBe(200);
    expect((await api.get("/api/v1/keys")).status()).toBe(200); // the contract: a lead has keys:read
    expect((await api.post("/api/v1/keys", { data: { name: "sneaky", scopes: ["routes:read"] } })).status()).toBe(403);
    const zero = "00000000-0000-4000-8000-000000000000";
    expect((await api.post("/api/v1/routes", { data: { instanceId: zero, scope: "chat", chatId: zero, agentId: zero } })).status()).toBe(403);
    // …and so opens the API keys page, read-only (one role vocabulary: the page follows the scopes)
    await page.goto("/keys");
    await expect(page).toHaveURL(/\/keys$/);
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /new api key/i })).toHaveCount(0);
  });
});
