// Routes in the browser: create a chat route and a person route through the form, find them by
// filter, see the chat route win in the tester, deactivate it and see the person route win,
// delete with confirmation. Screenshots for the README.
import { type APIRequestContext, type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

test.use({ storageState: storageState("admin") });

const uniq = Math.random().toString(36).slice(2, 7);
const INSTANCE = `ui-routes-${uniq}`;
const CHAT_TITLE = `Ops war room ${uniq}`;
const PERSON = `Maria Silva ${uniq}`;

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/v1/${path}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string };
}

async function person(request: APIRequestContext, name: string, phone: string) {
  const res = await request.post("/api/v1/persons", { headers: bearer(keys().all.key), data: { displayName: name, primaryPhone: phone } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id as string;
}

async function pick(page: Page, scope: ReturnType<Page["getByRole"]>, label: string, query: string, option: string) {
  const box = scope.getByRole("combobox", { name: label });
  await box.click();
  await box.fill(query);
  await scope.getByRole("option", { name: new RegExp(option) }).click();
  await expect(box).toHaveValue(new RegExp(option));
}

test("route a chat and a person, filter, test, deactivate, delete", async ({ page, request }) => {
  test.setTimeout(150_000);
  await post(request, "agents", { name: `Sales Concierge ${uniq}`, provider: "anthropic", model: "claude-sonnet-4" });
  await post(request, "agents", { name: `VIP Desk ${uniq}`, provider: "openai" });
  const fallback = await post(request, "agents", { name: `Front Desk ${uniq}`, provider: "anthropic" });
  const inst = await post(request, "instances", { name: INSTANCE, channel: "whatsapp", defaultAgentId: fallback.id });
  const chat = await post(request, "chats", { instanceId: inst.id, externalId: `1203630${uniq}@g.us`, title: CHAT_TITLE, type: "group" });
  const personId = await person(request, PERSON, "+5511987650001");
  // a few neighbours, so the table looks like a real one
  for (const [title, label, prio, active] of [["Billing", "Billing escalations", 10, true], ["Onboarding", "New customers", 0, true], ["Partners", "Partner channel", 3, false]] as const) {
    const c = await post(request, "chats", { instanceId: inst.id, externalId: `${title}-${uniq}`, title: `${title} ${uniq}`, type: "group" });
    await post(request, "routes", { instanceId: inst.id, scope: "chat", chatId: c.id, agentId: fallback.id, label: `${label} ${uniq}`, priority: prio, active });
  }

  await page.goto("/routes");
  await expect(page.getByRole("heading", { name: "Agent routes", level: 1 })).toBeVisible();

  // 1. a chat route through the form (a first submit shows field-level errors)
  await page.getByRole("button", { name: "New route" }).click();
  let dialog = page.getByRole("dialog", { name: "New route" });
  await dialog.getByRole("button", { name: "Create route" }).click();
  await expect(dialog.getByText("Choose an agent.")).toBeVisible();
  await expect(dialog.getByText(/Pick the chat this route answers/)).toBeVisible();
  await dialog.getByLabel("Instance").selectOption({ label: `${INSTANCE} (WhatsApp)` });
  await pick(page, dialog, "Chat", "Ops war", CHAT_TITLE);
  await dialog.getByLabel("Agent").selectOption({ label: `Sales Concierge ${uniq}` });
  await dialog.getByLabel("Priority").fill("5");
  await dialog.getByLabel("Timeout (seconds)").fill("45");
  await dialog.getByRole("switch", { name: "Stream replies" }).click();
  await dialog.getByRole("switch", { name: "Gate messages" }).click();
  await dialog.getByLabel("Gate model").fill("claude-haiku");
  await dialog.getByLabel("Gate prompt").fill("Answer only sales questions.");
  await dialog.getByLabel("Label").fill(`War room sales ${uniq}`);
  await dialog.getByRole("button", { name: "Create route" }).click();
  await expect(dialog).toBeHidden();

  // 2. a person route
  await page.getByRole("button", { name: "New route" }).click();
  dialog = page.getByRole("dialog", { name: "New route" });
  await dialog.getByLabel("Instance").selectOption({ label: `${INSTANCE} (WhatsApp)` });
  await dialog.getByText("A person", { exact: true }).click();
  await pick(page, dialog, "Person", "Maria Sil", PERSON);
  await dialog.getByLabel("Agent").selectOption({ label: `VIP Desk ${uniq}` });
  await dialog.getByLabel("Reply filter").selectOption("filtered");
  await dialog.getByLabel("Label").fill(`Maria VIP ${uniq}`);
  await dialog.getByRole("button", { name: "Create route" }).click();
  await expect(dialog).toBeHidden();
  // Maria has no identity on this instance: the save warns until the warning is dismissed
  const warning = page.locator("[data-sonner-toast]").filter({ hasText: "This route will never apply" });
  await expect(warning).toBeVisible();
  await warning.getByRole("button", { name: "Close toast" }).click();
  await expect(warning).toBeHidden();
  await page.mouse.move(0, 0); // off the toasts: sonner holds their timers while the pointer is over them

  // 3. find them by filter
  const table = page.getByRole("table", { name: "Routes" });
  await page.getByLabel("Instance", { exact: true }).selectOption({ label: INSTANCE });
  await expect(table.getByRole("row")).toHaveCount(6); // header + 5
  await page.getByLabel("Search labels").fill(`War room sales ${uniq}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByText(CHAT_TITLE)).toBeVisible();
  await page.getByLabel("Search labels").press("Escape"); // clears the search, the instance filter stays
  await expect(page.getByLabel("Search labels")).toHaveValue("");
  await expect(table.getByRole("row")).toHaveCount(6);
  await page.getByLabel("Search labels").fill(`War room sales ${uniq}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/routes$/);
  await page.getByLabel("Instance", { exact: true }).selectOption({ label: INSTANCE });
  await page.getByLabel("Scope").selectOption("user");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: PERSON })).toHaveAttribute("href", `/persons/${personId}`);
  await page.getByLabel("Scope").selectOption("");
  await expect(table.getByRole("row")).toHaveCount(6);
  await page.getByRole("button", { name: "Priority" }).click(); // sort by priority, server side
  await expect(page).toHaveURL(/sort=priority/);

  // 4. the tester: the chat route wins (row "test" button), with the person added the chat still wins
  await table.getByRole("link", { name: `Test “War room sales ${uniq}”` }).click();
  await expect(page).toHaveURL(/\/routes\/test\?/);
  await expect(page.getByTestId("winning-agent")).toHaveText(`Sales Concierge ${uniq}`);
  await expect(page.getByTestId("resolution-source")).toHaveText("Chat route");
  await pick(page, page.getByRole("form", { name: "Route test" }), "Person", "Maria", PERSON);
  await page.getByRole("button", { name: "Resolve" }).click();
  const candidates = page.getByRole("table", { name: "Candidate routes" });
  await expect(candidates.getByRole("row")).toHaveCount(3);
  await expect(candidates.getByRole("row").nth(1)).toContainText("Chosen");
  await expect(candidates.getByRole("row").nth(2)).toContainText("takes precedence over user routes");
  await expect(page.getByTestId("winning-agent")).toHaveText(`Sales Concierge ${uniq}`);
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Served from the cache")).toBeVisible();
  const hits = page.getByRole("term").filter({ hasText: /^Hits$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(hits).not.toHaveText("0");
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0); // the saves' toasts have timed out
  await page.screenshot({ path: "docs/screenshots/routes-test.png", fullPage: true });

  await page.goto(`/routes?instance=${inst.id}&sort=priority&order=desc`);
  await expect(hits).not.toHaveText("0");
  await page.waitForTimeout(300); // the chart draws after the figures
  await page.screenshot({ path: "docs/screenshots/routes.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "docs/screenshots/routes-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // 5. deactivate the chat route: the person route wins at once
  await page.goto(`/routes?instance=${inst.id}&q=${encodeURIComponent(`War room sales ${uniq}`)}`);
  await page.getByRole("button", { name: `Deactivate “War room sales ${uniq}”` }).click();
  await expect(table.getByText("Inactive")).toBeVisible();
  await page.goto(`/routes/test?instance=${inst.id}&chat=${chat.id}&person=${personId}`);
  await expect(page.getByTestId("winning-agent")).toHaveText(`VIP Desk ${uniq}`);
  await expect(page.getByTestId("resolution-source")).toHaveText("Person route");
  await expect(page.getByText("Fresh lookup")).toBeVisible();

  // 6. delete with confirmation (cancel first: nothing happens)
  await page.goto(`/routes?instance=${inst.id}&q=${encodeURIComponent(`Maria VIP ${uniq}`)}`);
  await page.getByRole("button", { name: `Delete “Maria VIP ${uniq}”` }).click();
  let confirm = page.getByRole("alertdialog", { name: "Delete this route?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(table.getByText(`Maria VIP ${uniq}`)).toBeVisible();
  await page.getByRole("button", { name: `Delete “Maria VIP ${uniq}”` }).click();
  confirm = page.getByRole("alertdialog", { name: "Delete this route?" });
  await confirm.getByRole("button", { name: "Delete route" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No routes match these filters")).toBeVisible();

  // and the tester now falls back to the instance default
  await page.goto(`/routes/test?instance=${inst.id}&chat=${chat.id}&person=${personId}`);
  await expect(page.getByTestId("resolution-source")).toHaveText("Instance default");
  await expect(page.getByTestId("winning-agent")).toHaveText(`Front Desk ${uniq}`);
});

test("the edit form keeps what was typed when the server refuses", async ({ page, request }) => {
  const agent = await post(request, "agents", { name: `Edit Agent ${uniq}`, provider: "anthropic" });
  const inst = await post(request, "instances", { name: `ui-edit-${uniq}`, channel: "telegram" });
  const chat = await post(request, "chats", { instanceId: inst.id, externalId: `e-${uniq}`, title: `Edit chat ${uniq}`, type: "dm" });
  const route = await post(request, "routes", { instanceId: inst.id, scope: "chat", chatId: chat.id, agentId: agent.id, label: `Editable ${uniq}` });
  await page.goto(`/routes?instance=${inst.id}`);
  await page.getByRole("button", { name: `Edit “Editable ${uniq}”` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit route" });
  await expect(dialog.getByLabel("Label")).toHaveValue(`Editable ${uniq}`);
  await expect(dialog.getByRole("combobox", { name: "Chat" })).toHaveValue(`Edit chat ${uniq}`);
  // the route is deleted behind the form's back: the server refuses, the form keeps its values
  expect((await request.delete(`/api/v1/routes/${route.id}`, { headers: bearer(keys().all.key) })).status()).toBe(200);
  await dialog.getByLabel("Label").fill(`Edited ${uniq}`);
  await dialog.getByLabel("Priority").fill("2.5");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Must be a whole number.")).toBeVisible();
  await dialog.getByLabel("Priority").fill("3");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText(/not found/i);
  await expect(dialog.getByLabel("Label")).toHaveValue(`Edited ${uniq}`);
  await expect(dialog.getByLabel("Priority")).toHaveValue("3");
});

test("a stale edit is refused: the form shows what changed, keeps the input, and saves over it only when asked", async ({ page, request }) => {
  const h = bearer(keys().all.key);
  const agent = await post(request, "agents", { name: `Stale Agent ${uniq}`, provider: "anthropic" });
  const inst = await post(request, "instances", { name: `ui-stale-${uniq}`, channel: "telegram" });
  const chat = await post(request, "chats", { instanceId: inst.id, externalId: `s-${uniq}`, title: `Stale chat ${uniq}`, type: "dm" });
  const route = await post(request, "routes", { instanceId: inst.id, scope: "chat", chatId: chat.id, agentId: agent.id, label: `Stale ${uniq}`, priority: 1 });
  await page.goto(`/routes?instance=${inst.id}`);
  await page.getByRole("button", { name: `Edit “Stale ${uniq}”` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit route" });
  await expect(dialog.getByLabel("Priority")).toHaveValue("1");
  // someone else changes the priority after the form was opened
  expect((await request.patch(`/api/v1/routes/${route.id}`, { headers: h, data: { priority: 9 } })).status()).toBe(200);
  await dialog.getByLabel("Label").fill(`Mine ${uniq}`);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  const notice = dialog.getByRole("status").filter({ hasText: "changed by someone else" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("list", { name: "Changed meanwhile" })).toHaveText(/Priority: 9/);
  await expect(dialog.getByLabel("Label")).toHaveValue(`Mine ${uniq}`); // the input is kept
  let now = (await (await request.get(`/api/v1/routes/${route.id}`, { headers: h })).json()).data;
  expect(now).toMatchObject({ priority: 9, label: `Stale ${uniq}` }); // nothing was saved
  // load the current values: the form shows them, and a save applies on top of the new version
  await notice.getByRole("button", { name: "Load current values" }).click();
  await expect(dialog.getByLabel("Priority")).toHaveValue("9");
  await dialog.getByLabel("Label").fill(`Mine ${uniq}`);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  now = (await (await request.get(`/api/v1/routes/${route.id}`, { headers: h })).json()).data;
  expect(now).toMatchObject({ priority: 9, label: `Mine ${uniq}` });
});
