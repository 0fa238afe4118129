import fs from "node:fs";
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { all, createPerson, uniq } from "../support/persons";

test.describe("as a team lead", () => {
  test.use({ storageState: storageState("lead") });

  test("finds a merge in the audit log, reads who/when/why and the before state, exports CSV, and reverts it", async ({ page, request }) => {
    const tag = uniq();
    const src = await createPerson(request, { displayName: `Old Contact ${tag}`, primaryPhone: "+447400123456", identities: [{ channel: "wa" }, { channel: "tg", username: `old_${tag}` }] });
    const tgt = await createPerson(request, { displayName: `Kept Contact ${tag}`, identities: [{ channel: "tg" }] });
    const merged = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id, reason: `Duplicate from import ${tag}` } });
    expect(merged.status()).toBe(200);
    const eventId = (await merged.json()).data.auditEventId as string;

    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("Action").selectOption("person.merge");
    const table = page.getByRole("table", { name: "Audit events" });
    const row = table.getByRole("row").filter({ hasText: `Duplicate from import ${tag}` });
    await expect(row).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "person.create" })).toHaveCount(0);
    await page.screenshot({ path: "docs/screenshots/audit.png", fullPage: true });

    // Export the filtered set as CSV (streamed by the API).
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^omni-audit-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^id,seq,at,actorType/);
    expect(csv).toContain(eventId);
    expect(csv).not.toContain("person.create");

    // The event: who, when, why, and what both persons looked like before.
    await row.getByRole("link", { name: "View" }).click();
    await expect(page).toHaveURL(new RegExp(`/audit/${eventId}`));
    await expect(page.getByText(`“Duplicate from import ${tag}”`)).toBeVisible();
    await expect(page.getByText("e2e all").first()).toBeVisible();
    const source = page.getByRole("table", { name: /Merged person \(source\)/ });
    await expect(source.getByText(`Old Contact ${tag}`)).toBeVisible();
    await expect(source.getByText("+447400123456")).toBeVisible();
    const target = page.getByRole("table", { name: "Kept person (target)" });
    await expect(target.getByText("+447400123456")).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/audit-event.png", fullPage: true });

    // Revert, with confirmation.
    await page.getByRole("button", { name: "Revert" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Revert this change?" });
    await dialog.getByLabel("Reason").fill("Different people after all");
    await dialog.getByRole("button", { name: "Revert" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/Reverted by lead@e2e.test/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Revert", exact: true })).toHaveCount(0); // the toast has "View revert event"
    const back = await request.get(`/api/v1/persons/${src.id}`, { headers: all() });
    expect(back.status()).toBe(200);
    expect((await back.json()).data.identities).toHaveLength(2);

    // A second revert of the same event is refused with the reason (API, as the UI no longer offers it).
    const again = await request.post(`/api/v1/audit/${eventId}/revert`, { headers: all(), data: {} });
    expect(again.status()).toBe(409);
  });
});

test.describe("an event's seal", () => {
  test.use({ storageState: storageState("lead") });

  test("the event page shows whether the event is sealed into the hash chain: within seconds of the commit, with its hash", async ({ page, request }) => {
    const person = await createPerson(request, { displayName: `Seal ${uniq()}`, identities: [{ channel: "wa" }] });
    const list = await request.get(`/api/v1/audit?targetId=${person.id}&limit=1`, { headers: all() });
    const eventId = (await list.json()).items[0].id as string;
    const state = page.getByTestId("seal-state");
    await expect.poll(async () => {
      await page.goto(`/audit/${eventId}`);
      return state.innerText();
    }, { timeout: 20_000, intervals: [250, 500, 1000] }).toBe("Sealed");
    const { data } = await (await request.get(`/api/v1/audit/${eventId}`, { headers: all() })).json();
    expect(data.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByText(`hash ${data.hash}`)).toBeVisible();
  });
});

test("a viewer cannot open the audit log", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageState("viewer") });
  const page = await ctx.newPage();
  await page.goto("/audit");
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const api = await page.request.get("/api/v1/audit");
  expect(api.status()).toBe(403);
  await ctx.close();
});
