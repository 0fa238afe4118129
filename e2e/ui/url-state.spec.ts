// List state lives in the address: the Persons browser (query, channel, page), the Audit browser
// (every filter, page) and Routes paging survive a reload, and Back returns to the previous state
// (router.push, one history entry per change).
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

test.use({ storageState: storageState("admin") });

test("Persons: query, channel and page survive reload; Back walks them back", async ({ page, request }) => {
  const tag = uniq();
  for (let i = 0; i < 12; i++) await createPerson(request, { displayName: `Urlstate ${tag} ${i}`, identities: [{ channel: "wa" }] });
  await page.goto("/persons?size=10");
  await page.getByRole("searchbox", { name: "Search persons" }).fill(`Urlstate ${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=Urlstate`));
  await expect(page.getByRole("link", { name: new RegExp(`Urlstate ${tag} 11`) })).toBeVisible();
  await page.getByRole("combobox", { name: "Channel" }).selectOption("whatsapp");
  await expect(page).toHaveURL(/channel=whatsapp/);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=.*page=2|page=2.*cursor=/);
  await expect(page.getByText("Page 2")).toBeVisible();
  const secondPage = await page.getByRole("table", { name: "Persons" }).locator("tbody").innerText();

  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search persons" })).toHaveValue(`Urlstate ${tag}`);
  await expect(page.getByRole("combobox", { name: "Channel" })).toHaveValue("whatsapp");
  await expect(page.getByText("Page 2")).toBeVisible();
  expect(await page.getByRole("table", { name: "Persons" }).locator("tbody").innerText()).toBe(secondPage);

  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(page.getByText("Page 1")).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`Urlstate ${tag} 11`) })).toBeVisible();

  await page.goBack(); // page 2 again
  await expect(page.getByText("Page 2")).toBeVisible();
  await page.goBack(); // page 1, before Next
  await expect(page.getByText("Page 1")).toBeVisible();
  await page.goBack(); // before the channel filter
  await expect(page.getByRole("combobox", { name: "Channel" })).toHaveValue("");
  await expect(page).not.toHaveURL(/channel=/);
});

test("Persons: a bad cursor in the address is a clear error, not a crash or stale rows", async ({ page }) => {
  await page.goto("/persons?cursor=not-a-cursor&page=3");
  await expect(page.getByRole("alert").filter({ hasText: "could not run" })).toContainText("The search could not run");
  await expect(page.getByRole("table", { name: "Persons" })).toHaveCount(0);
});

test("Audit: every filter and the page survive reload; Back undoes a filter", async ({ page }) => {
  await page.goto("/audit?size=10");
  await page.getByLabel("Action").selectOption("person.create");
  await expect(page).toHaveURL(/action=person\.create/);
  await page.getByLabel("From").fill("2020-01-01");
  await expect(page).toHaveURL(/from=2020-01-01/);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("person.create");
  await expect(page.getByLabel("From")).toHaveValue("2020-01-01");
  await expect(page.getByText("Page 2")).toBeVisible();
  await page.goBack();
  await expect(page.getByText("Page 1")).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("From")).toHaveValue("");
  await expect(page.getByLabel("Action")).toHaveValue("person.create");
});

test("Audit: system actors are in the actor filter", async ({ page }) => {
  await page.goto("/audit");
  const options = await page.getByLabel("Actor").locator("option").allInnerTexts();
  expect(options.some((o) => o.endsWith("(system)")), options.join(", ")).toBe(true);
});

test("Routes: paging pushes history, so Back returns to the previous page", async ({ page, request }) => {
  const inst = await ensureInstances(request);
  const agent = await request.post("/api/v1/agents", { headers: all(), data: { name: `urlstate-${uniq()}`, provider: "anthropic", model: "claude-sonnet-4" } });
  const agentId = (await agent.json()).data.id as string;
  for (let i = 0; i < 11; i++) {
    const person = await createPerson(request, { displayName: `Routed ${i}`, identities: [{ channel: "wa" }] });
    const res = await request.post("/api/v1/routes", { headers: all(), data: { instanceId: inst.wa, scope: "user", personId: person.id, agentId } });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto("/routes?size=10");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await page.reload();
  await expect(page.getByText("Page 2", { exact: false })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
});
