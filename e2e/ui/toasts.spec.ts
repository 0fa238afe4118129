// Completed actions say what happened in a toast, with Undo where the product can take it back.
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

test.use({ storageState: storageState("admin") });

test("unlink: stays on the person, a toast links to the new person, Undo links it back", async ({ page, request }) => {
  const tag = uniq();
  const person = await createPerson(request, { displayName: `Toasty ${tag}`, identities: [{ channel: "wa", username: `wa_${tag}` }, { channel: "tg", username: `tg_${tag}` }] });
  await page.goto(`/persons/${person.id}`);
  const identities = page.getByRole("table", { name: "Identities" }).locator("tbody tr");
  await expect(identities).toHaveCount(2);
  await page.getByRole("button", { name: `Unlink tg_${tag}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unlink" }).click();

  const toast = page.locator("[data-sonner-toast]").filter({ hasText: `tg_${tag} unlinked` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("now belongs to a new person");
  await expect(page).toHaveURL(new RegExp(`/persons/${person.id}$`)); // still here
  await expect(identities).toHaveCount(1);

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: `tg_${tag} linked back` })).toBeVisible();
  await expect(identities).toHaveCount(2);
});

test("route switch: a toast with Undo that switches it back", async ({ page, request }) => {
  const inst = await ensureInstances(request);
  const tag = uniq();
  const agent = await request.post("/api/v1/agents", { headers: all(), data: { name: `toast-${tag}`, provider: "anthropic" } });
  const person = await createPerson(request, { displayName: `Routed toast ${tag}`, identities: [{ channel: "wa" }] });
  const res = await request.post("/api/v1/routes", { headers: all(), data: { instanceId: inst.wa, scope: "user", personId: person.id, agentId: (await agent.json()).data.id, label: `toast ${tag}` } });
  expect(res.status()).toBe(201);
  await page.goto(`/routes?q=${encodeURIComponent(`toast ${tag}`)}`);
  await page.getByRole("button", { name: `Deactivate “toast ${tag}”` }).click();
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Route deactivated" });
  await expect(toast).toBeVisible();
  await expect(page.getByRole("button", { name: `Activate “toast ${tag}”` })).toBeVisible();
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("button", { name: `Deactivate “toast ${tag}”` })).toBeVisible();
});

test("a person route on an instance where the person has no identity: the tester says so", async ({ page, request }) => {
  const inst = await ensureInstances(request);
  const tag = uniq();
  const agent = await request.post("/api/v1/agents", { headers: all(), data: { name: `noid-${tag}`, provider: "anthropic" } });
  const person = await createPerson(request, { displayName: `Only on Telegram ${tag}`, identities: [{ channel: "tg" }] });
  const res = await request.post("/api/v1/routes", { headers: all(), data: { instanceId: inst.wa, scope: "user", personId: person.id, agentId: (await agent.json()).data.id } });
  expect(res.status()).toBe(201);
  await page.goto(`/routes/test?instance=${inst.wa}&person=${person.id}`);
  await expect(page.getByText("Person not on this instance")).toBeVisible();
});
