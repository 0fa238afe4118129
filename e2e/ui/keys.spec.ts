import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

const uniq = () => Math.random().toString(36).slice(2, 8);

test.describe("API keys page (admin)", () => {
  test.use({ storageState: storageState("admin") });

  test("create a scoped key, copy it, use it, revoke it in the UI: the next call is a 401", async ({ page, context, request }) => {
    test.slow(); // one long flow: form, secret dialog, use, revoke, audit
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    // named with the dialog's field labels in it: the fields are found by their exact label, not
    // by any instance checkbox whose name holds the word (CI, 2026-12-02: an instance "…0efurl")
    const instName = `ui-keys-name-description-${uniq()}`;
    const inst = await request.post("/api/v1/instances", { headers: bearer(keys().all.key), data: { name: instName, channel: "whatsapp" } });
    expect(inst.status()).toBe(201);
    const instanceId = (await inst.json()).data.id as string;

    await page.goto("/keys");
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "New API key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    // nothing picked: the form says what is missing
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("At least one scope.")).toBeVisible();

    const name = `routes script ${uniq()}`;
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await dialog.getByLabel("Description", { exact: true }).fill("Reads the routes of one instance");
    await dialog.getByLabel("Rate limit", { exact: true }).fill("60");
    await dialog.getByRole("checkbox", { name: "routes:read" }).check();
    await dialog.getByRole("group", { name: "Instances" }).getByText(instName).click();
    await dialog.getByRole("button", { name: "In 30 days" }).click();
    await expect(dialog.getByText(/Stops working/)).toBeVisible();
    await page.screenshot({ path: ".tmp/keys-form.png" });
    await dialog.getByRole("button", { name: "Create key" }).click();

    const secret = page.getByRole("dialog", { name: "Your new API key" });
    await expect(secret).toBeVisible();
    await expect(secret.getByText("Copy it now: it will not be shown again")).toBeVisible();
    const shown = await secret.getByLabel("API key", { exact: true }).inputValue();
    expect(shown).toMatch(/^omni_sk_[A-Za-z0-9_-]{32,}$/);
    await secret.getByRole("button", { name: "Copy" }).click();
    await expect(secret.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await page.screenshot({ path: "docs/screenshots/keys-created.png" });
    await secret.getByRole("button", { name: "Done" }).click();
    await expect(secret).toBeHidden();

    // the copied key works, for what it was given
    const ok = await request.get(`/api/v1/routes?instance=${instanceId}`, { headers: bearer(copied) });
    expect(ok.status(), await ok.text()).toBe(200);
    expect(ok.headers()["x-ratelimit-limit"]).toBe("60");
    expect((await request.get("/api/v1/agents", { headers: bearer(copied) })).status()).toBe(403);

    const table = page.getByRole("table", { name: "API keys" });
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(copied.slice(0, 16));
    await expect(row).toContainText("routes:read");
    await expect(row).toContainText(instName);
    await expect(row).toContainText("60/min");
    await expect(row).toContainText("Active");
    await expect(row).not.toContainText(copied.slice(16));

    // usage chart
    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Usage" }).click();
    const usage = page.getByRole("dialog", { name: `Usage · ${name}` });
    await expect(usage.getByRole("img", { name: "Requests per hour chart" }).locator("svg.recharts-surface")).toBeVisible();
    await expect(usage.getByText("Last 7 days", { exact: true })).toBeVisible();
    await page.screenshot({ path: ".tmp/keys-usage.png" });
    await page.keyboard.press("Escape");
    await expect(usage).toBeHidden();

    // revoke in the UI
    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Revoke…" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await confirm.getByLabel("Reason", { exact: true }).fill("script retired");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Revoked");
    await expect(row).toContainText("script retired");

    const after = await request.get(`/api/v1/routes?instance=${instanceId}`, { headers: bearer(copied) });
    expect(after.status()).toBe(401);
    expect((await after.json()).error.message).toMatch(/revoked/i);

    // filter by status
    await page.getByRole("radio", { name: /Revoked/ }).click();
    await expect(page).toHaveURL(/status=revoked/);
    await expect(table.getByRole("row").filter({ hasText: name })).toBeVisible();
    await page.getByRole("radio", { name: /Active/ }).click();
    await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);
    await page.getByRole("radio", { name: /All/ }).click();
  });

  test("edit, roll and delete behind a confirmation", async ({ page, request }) => {
    const name = `ui-edit-${uniq()}`;
    const created = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name, scopes: ["agents:read"], rateLimit: 10 } });
    const old = (await created.json()).data;
    await page.goto("/keys");
    const table = page.getByRole("table", { name: "API keys" });
    let row = table.getByRole("row").filter({ hasText: name });

    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByRole("checkbox", { name: "chats:*" }).check();
    await edit.getByLabel("Rate limit", { exact: true }).fill("");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("chats:*");
    const st = await (await request.get("/api/v1/auth/status", { headers: bearer(old.key) })).json();
    expect(st.data.scopes.sort()).toEqual(["agents:read", "chats:*"]);

    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Roll…" }).click();
    const roll = page.getByRole("alertdialog", { name: `Roll ${name}?` });
    await roll.getByRole("button", { name: "Roll key" }).click();
    const secret = page.getByRole("dialog", { name: "Your replacement key" });
    const fresh = await secret.getByLabel("API key", { exact: true }).inputValue();
    await secret.getByRole("button", { name: "I have stored it" }).click();
    expect((await request.get("/api/v1/agents", { headers: bearer(fresh) })).status()).toBe(200);
    expect((await request.get("/api/v1/agents", { headers: bearer(old.key) })).status()).toBe(401);

    row = table.getByRole("row").filter({ hasText: fresh.slice(0, 16) });
    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const del = page.getByRole("alertdialog", { name: `Delete ${name} permanently?` });
    await expect(del).toContainText("Revoking is usually what you want");
    const go = del.getByRole("button", { name: "Delete permanently" });
    await expect(go).toBeDisabled();
    await del.getByRole("textbox").fill(name);
    await go.click();
    await expect(del).toBeHidden();
    await expect(table.getByRole("row").filter({ hasText: fresh.slice(0, 16) })).toHaveCount(0);
    expect((await request.get("/api/v1/agents", { headers: bearer(fresh) })).status()).toBe(401);
  });

  test("a stale edit is refused: the notice shows the change, the input is kept until one chooses", async ({ page, request }) => {
    const name = `ui-stale-${uniq()}`;
    const h = bearer(keys().all.key);
    const k = (await (await request.post("/api/v1/keys", { headers: h, data: { name, scopes: ["agents:read"], rateLimit: 10 } })).json()).data;
    await page.goto("/keys");
    const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    // someone else changes the rate limit after the form was opened
    expect((await request.patch(`/api/v1/keys/${k.id}`, { headers: h, data: { rateLimit: 77 } })).status()).toBe(200);
    await edit.getByLabel("Rate limit", { exact: true }).fill("20");
    await edit.getByRole("button", { name: "Save changes" }).click();
    const notice = edit.getByRole("status").filter({ hasText: "changed by someone else" });
    await expect(notice.getByRole("list", { name: "Changed meanwhile" })).toHaveText(/Rate limit: 77/);
    await expect(edit.getByLabel("Rate limit", { exact: true })).toHaveValue("20"); // kept
    expect((await (await request.get(`/api/v1/keys/${k.id}`, { headers: h })).json()).data.rateLimit).toBe(77); // nothing saved
    await notice.getByRole("button", { name: "Keep my changes" }).click();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    expect((await (await request.get(`/api/v1/keys/${k.id}`, { headers: h })).json()).data.rateLimit).toBe(20);
  });

  test("screenshots of the page, light and dark", async ({ page, request }) => {
    const h = bearer(keys().all.key);
    const inst = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `support-telegram-${uniq()}`, channel: "telegram" } })).json()).data;
    const mk = async (data: Record<string, unknown>) => (await (await request.post("/api/v1/keys", { headers: h, data })).json()).data;
    const ci = await mk({ name: "CI deploys", description: "GitHub Actions: route sync", scopes: ["routes:*"], rateLimit: 120 });
    for (let i = 0; i < 4; i++) await request.get("/api/v1/routes", { headers: { ...bearer(ci.key), "X-Forwarded-For": "198.51.100.24" } });
    await mk({ name: "CRM sync", description: "Nightly person import", scopes: ["persons:read", "persons:write"], instanceIds: [inst.id], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await page.goto("/keys");
    await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/keys.png", fullPage: false });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: ".tmp/keys-dark.png" });
  });
});

test.describe("API keys page (others)", () => {
  test("a lead sees API keys in the sidebar and opens /keys read-only", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageState("lead") });
    const page = await ctx.newPage();
    await page.goto("/routes");
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
    await expect(page).toHaveURL(/\/keys$/);
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
    await expect(page.getByRole("button", { name: /new api key/i })).toHaveCount(0);
    await page.getByRole("button", { name: /^actions for /i }).first().click();
    await expect(page.getByRole("menuitem", { name: "Usage" })).toBeVisible();
    for (const name of ["Edit", "Roll…", "Revoke…", "Delete…"]) await expect(page.getByRole("menuitem", { name })).toHaveCount(0);
    await ctx.close();
  });

  test("a viewer is refused", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageState("viewer") });
    const page = await ctx.newPage();
    await page.goto("/keys");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
    await ctx.close();
  });
});

test.describe("API reference", () => {
  test.use({ storageState: storageState("viewer") });
  test("renders every endpoint from the OpenAPI document, offline", async ({ page, request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    const count = Object.values(doc.paths as Record<string, object>).reduce((n, p) => n + Object.keys(p).length, 0);
    const external: string[] = [];
    page.on("request", (r) => { if (!r.url().startsWith("http://localhost")) external.push(r.url()); });
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    await expect(page.locator("main section[id]")).toHaveCount(count);
    await expect(page.getByRole("heading", { name: "Roll an API key" })).toBeVisible();
    expect(external).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/api-docs.png" });
  });
});
