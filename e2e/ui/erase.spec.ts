import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { all, createPerson, uniq } from "../support/persons";

test.use({ storageState: storageState("admin") });

test("an admin erases a person: the dialog wants the name typed and a reason; their audit events then read [erased]", async ({ page, request }) => {
  const tag = uniq();
  const name = `Ingrid Forgotten ${tag}`;
  const p = await createPerson(request, { displayName: name, primaryEmail: `ingrid.${tag}@example.com`, identities: [{ channel: "wa", username: `ingrid_${tag}` }] });
  const upd = await request.patch(`/api/v1/persons/${p.id}`, { headers: all(), data: { primaryPhone: "+4915112340000" } });
  expect(upd.status()).toBe(200);
  const events = (await (await request.get(`/api/v1/audit?personId=${p.id}`, { headers: all() })).json()).items as { id: string; action: string }[];
  const updateEvent = events.find((e) => e.action === "person.update")!;

  await page.goto(`/persons/${p.id}`);
  await page.getByRole("button", { name: "Erase person" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase this person?" });
  await expect(dialog).toBeVisible();
  // the wrong name, no reason: refused in the form, nothing erased
  await dialog.getByLabel(/Type .* to confirm/).fill("Ingrid");
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(dialog.getByText(`Type "${name}" exactly to confirm.`)).toBeVisible();
  await expect(dialog.getByText(/Required/)).toBeVisible();
  await dialog.getByLabel(/Type .* to confirm/).fill(name);
  await dialog.getByLabel("Reason").fill(`Erasure request ${tag}`);
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(page).toHaveURL(/\/persons$/);
  expect((await request.get(`/api/v1/persons/${p.id}`, { headers: all() })).status()).toBe(404);

  // the diff of the edit now shows [erased] in place of the phone, and says why
  await page.goto(`/audit/${updateEvent.id}`);
  await expect(page.locator("#main-content").getByText("Personal data erased")).toBeVisible();
  await expect(page.getByText("[erased]").first()).toBeVisible();
  await expect(page.getByText("+4915112340000")).toHaveCount(0);
  await expect(page.getByText(name)).toHaveCount(0);
});
