// Every listed flow by keyboard alone: page.keyboard only (Tab, Shift+Tab, Enter, Space, arrows,
// Escape, typing), never a mouse click or element.click(). Each element reached by Tab must show a
// visible focus indicator (an outline or a ring), dialogs keep focus inside and give it back to the
// control that opened them.
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { PASSWORD, USERS, storageState } from "../support/env";
import { all, createPerson, uniq } from "../support/persons";

async function post(request: APIRequestContext, url: string, data: unknown): Promise<{ id: string }> {
  const res = await request.post(`/api/v1/${url}`, { headers: all(), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()).data;
}

/** Whether the focused element draws a visible focus indicator: an outline or a box-shadow ring. */
async function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing is focused";
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
    const ring = s.boxShadow !== "none" && /(\d+(\.\d+)?px\s*){3}[1-9]/.test(s.boxShadow);
    return outline || ring ? null : `<${el.tagName.toLowerCase()}> "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" has no visible focus indicator`;
  });
}

/** Presses Tab (or Shift+Tab) until `target` has focus; each stop must show focus. Fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  await target.waitFor({ timeout: 15_000 });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      await expect.poll(() => focusIndicator(page), { timeout: 3_000 }).toBeNull(); // rings fade in (150 ms)
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${target}; focus is on ${focused}`);
}

/** Focus stays inside the open dialog however often Tab is pressed. */
async function expectFocusTrapped(page: Page, dialog: Locator) {
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
}

/** With the combobox's list open, moves the active option (arrow keys) to the one named, then picks it with Enter. */
async function pickOption(page: Page, combobox: Locator, name: RegExp) {
  const option = page.getByRole("option", { name }).first();
  await expect(option).toBeVisible();
  const id = await option.getAttribute("id");
  for (let i = 0; i < 15; i++) {
    if ((await combobox.getAttribute("aria-activedescendant")) === id) {
      await page.keyboard.press("Enter");
      await expect(option).toBeHidden();
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the arrow keys never reached the option ${name}`);
}

const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

test.describe.configure({ timeout: 240_000 }); // a loaded machine: each Tab stop is checked

test("sign in by keyboard", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(USERS.viewer);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/routes/);
  await context.close();
});

test.describe("signed in", () => {
  test.use({ storageState: storageState("admin") });

  test("the first Tab reaches 'Skip to main content', which moves focus to the main content", async ({ page }) => {
    await page.goto("/keys");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    expect(await focused(skip)).toBe(true);
    await expect(skip).toBeInViewport();
    await expect.poll(() => focusIndicator(page), { timeout: 3_000 }).toBeNull();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main-content")).toBeFocused();
    // The next Tab lands inside the main content, past the navigation.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
  });

  test("create, edit and delete a route, then test it, by keyboard", async ({ page, request }) => {
    const tag = uniq();
    const agent = await post(request, "agents", { name: `Kbd agent ${tag}`, provider: "anthropic", model: "claude-sonnet-4" });
    const inst = await post(request, "instances", { name: `kbd-wa-${tag}`, channel: "whatsapp" });
    await post(request, "chats", { instanceId: inst.id, externalId: `kbd-${tag}@g.us`, title: `Kbd room ${tag}`, type: "group" });

    await page.goto(`/routes?instance=${inst.id}`);
    const newRoute = page.getByRole("button", { name: "New route" });
    await tabTo(page, newRoute);
    await page.keyboard.press("Enter");
    let dialog = page.getByRole("dialog", { name: "New route" });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(page, dialog.getByLabel("Instance"));
    await page.keyboard.type(`kbd-wa-${tag}`); // type-ahead in the native select
    await expect(dialog.getByLabel("Instance")).toHaveValue(inst.id);
    const chatPicker = dialog.getByRole("combobox", { name: "Chat" });
    await tabTo(page, chatPicker);
    await page.keyboard.type(`Kbd room ${tag}`);
    await pickOption(page, chatPicker, new RegExp(`Kbd room ${tag}`));
    await tabTo(page, dialog.getByLabel("Agent"));
    await page.keyboard.type(`Kbd agent ${tag}`);
    await expect(dialog.getByLabel("Agent")).toHaveValue(agent.id);
    await tabTo(page, dialog.getByRole("switch", { name: "Stream replies" }));
    await page.keyboard.press("Space");
    await expect(dialog.getByRole("switch", { name: "Stream replies" })).toBeChecked();
    await tabTo(page, dialog.getByLabel("Label"));
    await page.keyboard.type(`Kbd route ${tag}`);
    await tabTo(page, dialog.getByRole("button", { name: "Create route" }));
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    const table = page.getByRole("table", { name: "Routes" });
    await expect(table.getByText(`Kbd route ${tag}`)).toBeVisible();

    // Edit from the row's action, reached by Tab; Escape first proves focus returns to the opener.
    const edit = page.getByRole("button", { name: `Edit “Kbd route ${tag}”` });
    await tabTo(page, edit);
    await page.keyboard.press("Enter");
    dialog = page.getByRole("dialog", { name: /Edit route/ });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(edit).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByLabel("Label"));
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(`Kbd edited ${tag}`);
    await page.keyboard.press("Enter"); // submits the form
    await expect(dialog).toBeHidden();
    await expect(table.getByText(`Kbd edited ${tag}`)).toBeVisible();

    // Test it: the tester page, pickers by keyboard.
    const testLink = page.getByRole("link", { name: `Test “Kbd edited ${tag}”` });
    await tabTo(page, testLink);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/routes\/test/);
    await expect(page.getByTestId("winning-agent")).toHaveText(`Kbd agent ${tag}`);
    await page.goto(`/routes/test?instance=${inst.id}`);
    const form = page.getByRole("form", { name: "Route test" });
    const testerChat = form.getByRole("combobox", { name: "Chat" });
    await tabTo(page, testerChat);
    await page.keyboard.type(`Kbd room ${tag}`);
    await pickOption(page, testerChat, new RegExp(`Kbd room ${tag}`));
    await tabTo(page, page.getByRole("button", { name: "Resolve" }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("winning-agent")).toHaveText(`Kbd agent ${tag}`);
    await expect(page.getByTestId("resolution-source")).toHaveText("Chat route");

    // Delete, with the confirmation: Escape cancels and returns focus, then confirm.
    await page.goto(`/routes?instance=${inst.id}`);
    const del = page.getByRole("button", { name: `Delete “Kbd edited ${tag}”` });
    await tabTo(page, del);
    await page.keyboard.press("Enter");
    let confirm = page.getByRole("alertdialog", { name: "Delete this route?" });
    await expect(confirm).toBeVisible();
    await expectFocusTrapped(page, confirm);
    await page.keyboard.press("Escape");
    await expect(confirm).toBeHidden();
    await expect(del).toBeFocused();
    await page.keyboard.press("Enter");
    confirm = page.getByRole("alertdialog", { name: "Delete this route?" });
    await tabTo(page, confirm.getByRole("button", { name: "Delete route" }));
    await page.keyboard.press("Enter");
    await expect(table.getByText(`Kbd edited ${tag}`)).toHaveCount(0);
  });

  test("search persons, then merge two, by keyboard", async ({ page, request }) => {
    const tag = uniq();
    const keep = await createPerson(request, { displayName: `Kbd Keep ${tag}`, identities: [{ channel: "wa" }] });
    const dup = await createPerson(request, { displayName: `Kbd Dup ${tag}`, identities: [{ channel: "tg", username: `kbd_${tag}` }] });

    await page.goto("/persons");
    await tabTo(page, page.getByRole("searchbox", { name: "Search persons" }));
    await page.keyboard.type(`kbd keep ${tag}`);
    const link = page.getByRole("link", { name: new RegExp(`Kbd Keep ${tag}`) }).first();
    await expect(link).toBeVisible();
    await tabTo(page, link);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/persons/${keep.id}`));

    await page.goto("/persons/merge");
    const sourcePicker = page.getByRole("combobox", { name: "Source (merged away)" });
    await tabTo(page, sourcePicker);
    await page.keyboard.type(`kbd dup ${tag}`);
    await pickOption(page, sourcePicker, new RegExp(`Kbd Dup ${tag}`));
    const targetPicker = page.getByRole("combobox", { name: "Target (kept)" });
    await tabTo(page, targetPicker);
    await page.keyboard.type(`kbd keep ${tag}`);
    await pickOption(page, targetPicker, new RegExp(`Kbd Keep ${tag}`));
    await expect(page.getByRole("region", { name: "Merge preview" })).toBeVisible();
    await tabTo(page, page.getByLabel("Reason"));
    await page.keyboard.type("Same person, keyboard test");
    const merge = page.getByRole("button", { name: "Merge persons" });
    await tabTo(page, merge);
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Merge Kbd Dup ${tag} into Kbd Keep ${tag}?`);
    await expectFocusTrapped(page, confirm);
    await tabTo(page, confirm.getByRole("button", { name: "Merge", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/persons/${keep.id}`));
    expect((await request.get(`/api/v1/persons/${dup.id}`, { headers: all() })).status()).toBe(404);
  });

  test("revert a change from the audit log by keyboard", async ({ page, request }) => {
    const tag = uniq();
    const src = await createPerson(request, { displayName: `Kbd Old ${tag}`, identities: [{ channel: "wa" }] });
    const tgt = await createPerson(request, { displayName: `Kbd Kept ${tag}`, identities: [{ channel: "tg" }] });
    const merged = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id, reason: `Kbd import ${tag}` } });
    expect(merged.status()).toBe(200);
    const eventId = (await merged.json()).data.auditEventId as string;

    await page.goto("/audit");
    const table = page.getByRole("table", { name: "Audit events" });
    const row = table.getByRole("row").filter({ hasText: `Kbd import ${tag}` });
    await tabTo(page, row.getByRole("link", { name: "View" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/audit/${eventId}`));
    const revert = page.getByRole("button", { name: "Revert" });
    await tabTo(page, revert);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Revert this change?" });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog);
    await tabTo(page, dialog.getByLabel("Reason"));
    await page.keyboard.type("Different people, keyboard test");
    await tabTo(page, dialog.getByRole("button", { name: "Revert" }));
    await page.keyboard.press("Enter");
    await expect(page.getByText(/Reverted by/)).toBeVisible();
  });

  test("create and revoke an API key by keyboard", async ({ page }) => {
    const name = `Kbd key ${uniq()}`;
    await page.goto("/keys");
    const open = page.getByRole("button", { name: "New API key" }).first();
    await tabTo(page, open);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole("textbox", { name: "Name", exact: true }));
    await page.keyboard.type(name);
    const scope = dialog.getByRole("checkbox", { name: "routes:read" });
    await tabTo(page, scope);
    await page.keyboard.press("Space");
    await expect(scope).toBeChecked();
    await tabTo(page, dialog.getByRole("button", { name: "Create key" }));
    await page.keyboard.press("Enter");
    const secret = page.getByRole("dialog", { name: "Your new API key" });
    await expect(secret).toBeVisible();
    await expectFocusTrapped(page, secret);
    await tabTo(page, secret.getByRole("button", { name: /I have stored it|Done/ }));
    await page.keyboard.press("Enter");
    await expect(secret).toBeHidden();

    const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
    const actions = row.getByRole("button", { name: `Actions for ${name}` });
    await tabTo(page, actions);
    await page.keyboard.press("Enter");
    const revokeItem = page.getByRole("menuitem", { name: "Revoke…" });
    await expect(revokeItem).toBeVisible();
    for (let i = 0; i < 10 && !(await focused(revokeItem)); i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(confirm).toBeVisible();
    await expectFocusTrapped(page, confirm);
    await tabTo(page, confirm.getByLabel("Reason"));
    await page.keyboard.type("retired, keyboard test");
    await tabTo(page, confirm.getByRole("button", { name: "Revoke key" }));
    await page.keyboard.press("Enter");
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Revoked");
  });
});
