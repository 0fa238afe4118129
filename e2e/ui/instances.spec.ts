import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

test.use({ storageState: storageState("admin") });

test("an admin adds an agent, an instance with that default agent, and a chat", async ({ page }) => {
  await page.goto("/instances");
  await expect(page.getByRole("heading", { name: "Instances & agents", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New agent" }).click();
  let dialog = page.getByRole("dialog", { name: "New agent" });
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Name").fill("Support Triage");
  await dialog.getByLabel("Provider").fill("anthropic");
  await dialog.getByLabel("Model").fill("claude-sonnet-4");
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Agents" }).getByText("Support Triage")).toBeVisible();

  await page.getByRole("button", { name: "New instance" }).click();
  dialog = page.getByRole("dialog", { name: "New instance" });
  await dialog.getByLabel("Name").fill("ui-support-whatsapp");
  await dialog.getByLabel("Channel").selectOption("whatsapp");
  await dialog.getByLabel("Default agent").selectOption({ label: "Support Triage" });
  await dialog.getByRole("button", { name: "Create instance" }).click();
  await expect(dialog).toBeHidden();
  const instances = page.getByRole("table", { name: "Instances" });
  await expect(instances.getByText("ui-support-whatsapp")).toBeVisible();
  await expect(page.getByLabel("Default agent of ui-support-whatsapp")).toHaveValue(/[0-9a-f-]{36}/);

  // A duplicate name is refused by the server and the form keeps what was typed.
  await page.getByRole("button", { name: "New instance" }).click();
  dialog = page.getByRole("dialog", { name: "New instance" });
  await dialog.getByLabel("Name").fill("ui-support-whatsapp");
  await dialog.getByRole("button", { name: "Create instance" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already exists");
  await expect(dialog.getByLabel("Name")).toHaveValue("ui-support-whatsapp");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "New chat" }).click();
  dialog = page.getByRole("dialog", { name: "New chat" });
  await dialog.getByLabel("Instance").selectOption({ label: "ui-support-whatsapp" });
  await dialog.getByLabel("External id").fill("5511987654321@s.whatsapp.net");
  await dialog.getByLabel("Title").fill("Maria Silva");
  await dialog.getByRole("button", { name: "Create chat" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Chats" }).getByText("Maria Silva")).toBeVisible();
  // The viewport from the top: a full-page capture would paint the sticky shell mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "docs/screenshots/instances.png" });
});

test("the Chats card searches by title or external id (% literal) and loads more, inside the card at 390 px", async ({ page, request }) => {
  const tag = Math.random().toString(36).slice(2, 8);
  const h = bearer(keys().all.key);
  const inst = await request.post("/api/v1/instances", { headers: h, data: { name: `chats-${tag}`, channel: "whatsapp" } });
  expect(inst.status(), await inst.text()).toBe(201);
  const instanceId = (await inst.json()).data.id as string;
  const chat = async (title: string, externalId: string) => {
    const res = await request.post("/api/v1/chats", { headers: h, data: { instanceId, externalId, title, type: "group" } });
    expect(res.status(), await res.text()).toBe(201);
  };
  for (let i = 0; i < 30; i++) await chat(`Load ${tag} ${String(i).padStart(2, "0")}`, `lm-${tag}-${i}@g.us`);
  await chat(`Sale 100% ${tag}`, `pct-${tag}@g.us`);
  await chat(`Sale 1000 ${tag}`, `nopct-${tag}@g.us`);
  await chat(`Long ${tag}`, `${"x".repeat(150)}-${tag}@g.us`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/instances");
  const card = page.locator("div").filter({ has: page.getByRole("heading", { name: "Chats" }) }).filter({ has: page.getByRole("table", { name: "Chats" }) }).last();
  const table = page.getByRole("table", { name: "Chats" });
  const rows = table.locator("tbody tr");
  const search = page.getByRole("searchbox", { name: "Search chats" });

  // by title: 33 matches, 25 at first, "Load more" brings the rest once each
  await search.fill(tag);
  await expect(rows.filter({ hasNotText: tag })).toHaveCount(0); // the search's page has replaced the newest chats
  await expect(rows).toHaveCount(25);
  await expect(page.getByRole("status").filter({ hasText: "25+ chats shown" })).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(33);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(table.getByText(`Load ${tag} 00`, { exact: true })).toBeVisible();

  // % is literal: only the 100% chat, not the 1000 one
  await search.fill(`100% ${tag}`);
  await expect(rows).toHaveCount(1);
  await expect(table.getByText(`Sale 100% ${tag}`)).toBeVisible();

  // by external id
  await search.fill(`lm-${tag}-7@`);
  await expect(rows).toHaveCount(1);
  await expect(table.getByText(`Load ${tag} 07`)).toBeVisible();

  // the long external id stays inside the card; the page never scrolls sideways
  await search.fill(`Long ${tag}`);
  await expect(rows).toHaveCount(1);
  const cardBox = (await card.boundingBox())!;
  for (const el of [search, table.locator("xpath=.."), page.getByRole("status").filter({ hasText: "shown" }), rows.first().getByText(`Long ${tag}`)]) {
    const b = (await el.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(cardBox.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 1);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Escape clears the search (the newest chats again) and keeps the focus in the box
  await search.press("Escape");
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(rows).toHaveCount(25);

  // nothing matches: said so; the clear button shows the newest chats again, focus back in the box
  await search.fill(`no-such-chat-${tag}`);
  await expect(page.getByText("No chat matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toBeVisible();
});
