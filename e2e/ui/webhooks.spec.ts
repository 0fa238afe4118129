// The Webhooks page end to end (admin): create with the events picker, secret shown once, send a
// test event to a loopback receiver, deliveries with bodies, redeliver, rotate, disable, delete;
// and the page of a merged-away person.
import type { Locator } from "@playwright/test";
import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";
import { startReceiver, type Receiver } from "../../tests/support/webhook-receiver";

const uniq = () => Math.random().toString(36).slice(2, 8);
let rx: Receiver;
test.beforeAll(async () => { rx = await startReceiver(`/ui-${uniq()}`); rx.respond = () => 200; });
test.afterAll(async () => { await rx.close(); });

/** Picks `item` from a webhook row's actions menu. */
async function rowAction(row: Locator, item: string) {
  await row.getByRole("button", { name: /^Actions for / }).click();
  await row.page().getByRole("menuitem", { name: item, exact: true }).click();
}

test.describe("Webhooks page (admin)", () => {
  test.use({ storageState: storageState("admin") });

  test("create, copy the secret, send a test event, inspect and redeliver it, rotate, disable, delete", async ({ page, context, request }) => {
    test.slow();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    // an instance named with the dialog's field labels in it: the dialog lists it as a checkbox, and
    // the fields are found by their exact label (CI, 2026-12-02: an instance "after-expiry-0efurl")
    const inst = await request.post("/api/v1/instances", { headers: bearer(keys().all.key), data: { name: `ui-hooks-url-description-${uniq()}`, channel: "whatsapp" } });
    expect(inst.status()).toBe(201);
    await page.goto("/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Webhooks" }).first()).toBeVisible(); // sidebar entry
    await page.getByRole("button", { name: "New webhook" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New webhook" });
    await dialog.getByRole("button", { name: "Create webhook" }).click();
    await expect(dialog.getByRole("textbox", { name: "URL", exact: true })).toHaveAttribute("aria-invalid", "true");
    await dialog.getByRole("textbox", { name: "URL", exact: true }).fill(rx.url);
    await dialog.getByLabel("Description", { exact: true }).fill("UI receiver");
    await dialog.getByRole("checkbox", { name: "identity.*" }).check();
    await dialog.getByRole("button", { name: "Create webhook" }).click();

    const secretDialog = page.getByRole("dialog", { name: "Webhook created" });
    await expect(secretDialog.getByText("Copy it now: it will not be shown again")).toBeVisible();
    const secret = await secretDialog.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: /Copy/ }).click();
    await secretDialog.getByRole("button", { name: /Done|I have stored it/ }).click();

    const row = page.getByRole("row").filter({ hasText: rx.url });
    await expect(row).toBeVisible();
    await expect(row.getByText("person.merge")).toBeVisible();
    await expect(row.getByText("identity.*")).toBeVisible();
    await row.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText(/Test event delivered \(HTTP 200\)/)).toBeVisible({ timeout: 15_000 });
    expect(rx.received).toHaveLength(1);
    expect(rx.verify(rx.received[0], secret)).toMatchObject({ type: "webhook.test" });

    const deliveries = page.getByRole("table", { name: "Deliveries" });
    const d = deliveries.getByRole("row").filter({ hasText: "webhook.test" });
    await expect(d.getByText("succeeded")).toBeVisible();
    await d.getByRole("button", { name: "Details" }).click();
    await expect(deliveries.getByText("Request body")).toBeVisible();
    await expect(deliveries.getByText('"type": "webhook.test"')).toBeVisible();
    await expect(deliveries.getByText("answer 200")).toBeVisible();
    await d.getByRole("button", { name: "Redeliver" }).click();
    await expect.poll(() => rx.received.length, { timeout: 15_000 }).toBe(2);
    // The README's pictures: the page with a delivery open, on a desktop and on a phone.
    await page.screenshot({ path: "docs/screenshots/webhooks.png" });
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "docs/screenshots/webhooks-phone.png" });
    if (desktop) await page.setViewportSize(desktop);

    await rowAction(row, "Rotate secret…");
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "New signing secret" });
    const newSecret = await rotated.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole("button", { name: /I have stored it|Done/ }).click();
    await expect(row.getByText(/Two secrets sign until/)).toBeVisible();

    await rowAction(row, "Disable");
    await expect(row.getByText("Disabled")).toBeVisible();
    await rowAction(row, "Enable");
    await expect(row.getByText("Enabled")).toBeVisible();

    await rowAction(row, "Delete…");
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete webhook" }).click();
    await expect(page.getByRole("row").filter({ hasText: rx.url })).toHaveCount(0);
  });

  test("an edit of an endpoint changed behind the page's back shows what changed and keeps the input; so do disable and delete", async ({ page, request }) => {
    const h = bearer(keys().all.key);
    const url = `${rx.url}/stale-${uniq()}`;
    const created = await request.post("/api/v1/webhooks", { headers: h, data: { url, events: ["person.merge"], description: "as loaded" } });
    expect(created.status()).toBe(201);
    const id = (await created.json()).data.id as string;
    await page.goto(`/webhooks?id=${id}`);
    const row = page.getByRole("row").filter({ hasText: url });
    await rowAction(row, "Edit");
    const dialog = page.getByRole("dialog", { name: "Edit webhook" });
    await expect(dialog.getByLabel("Description", { exact: true })).toHaveValue("as loaded");

    // someone else changes the endpoint through the API while the form is open
    const behind = await request.patch(`/api/v1/webhooks/${id}`, { headers: h, data: { description: "changed behind your back", events: ["person.*"] } });
    expect(behind.status()).toBe(200);

    await dialog.getByLabel("Description", { exact: true }).fill("my edit");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    const alert = dialog.getByRole("status").filter({ hasText: "This webhook was changed by someone else since you opened it" });
    await expect(alert).toBeVisible();
    const changed = alert.getByRole("list", { name: "Changed meanwhile" });
    await expect(changed.getByText("changed behind your back")).toBeVisible();
    await expect(changed.getByText("person.*")).toBeVisible();
    await expect(dialog.getByLabel("Description", { exact: true })).toHaveValue("my edit"); // the input is kept
    const now = (await (await request.get(`/api/v1/webhooks/${id}`, { headers: h })).json()).data;
    expect(now.description).toBe("changed behind your back"); // nothing was saved

    // keep mine: the next save applies over the change
    await alert.getByRole("button", { name: "Keep my changes" }).click();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByText("my edit")).toBeVisible();
    expect((await (await request.get(`/api/v1/webhooks/${id}`, { headers: h })).json()).data.description).toBe("my edit");

    // the Disable button sends the version the page shows: a change behind its back refuses it
    await request.patch(`/api/v1/webhooks/${id}`, { headers: h, data: { description: "changed again" } });
    await rowAction(row, "Disable");
    await expect(page.getByText(/changed by someone else since the page loaded: nothing was done/)).toBeVisible();
    await expect(page.getByText(/Description: changed again/)).toBeVisible();
    expect((await (await request.get(`/api/v1/webhooks/${id}`, { headers: h })).json()).data.disabled).toBe(false);
    await expect(row.getByText("changed again")).toBeVisible(); // the page refreshed: the next click applies
    await rowAction(row, "Disable");
    await expect(row.getByText("Disabled")).toBeVisible();

    // delete, stale: refused inside the confirmation; confirming again (refreshed version) deletes
    await request.patch(`/api/v1/webhooks/${id}`, { headers: h, data: { description: "and again" } });
    await rowAction(row, "Delete…");
    const confirm = page.getByRole("alertdialog");
    await confirm.getByRole("button", { name: "Delete webhook" }).click();
    await expect(confirm.getByText(/Description: and again/)).toBeVisible();
    expect((await request.get(`/api/v1/webhooks/${id}`, { headers: h })).status()).toBe(200);
    // the page behind the dialog (hidden from the accessibility tree while it is open) refreshed
    await expect(page.locator("tr").filter({ hasText: url }).getByText("and again")).toBeVisible();
    await confirm.getByRole("button", { name: "Delete webhook" }).click();
    await expect(page.getByRole("row").filter({ hasText: url })).toHaveCount(0);
  });

  test("a merged-away person's page explains the merge and links to the survivor", async ({ page, request }) => {
    const h = bearer(keys().all.key);
    const inst = (await (await request.post("/api/v1/instances", { headers: h, data: { name: `ui-wh-${uniq()}`, channel: "telegram" } })).json()).data.id;
    const mk = async (name: string) => (await (await request.post("/api/v1/persons", { headers: h, data: { displayName: name, identities: [{ instanceId: inst, platformUserId: uniq() }] } })).json()).data.id as string;
    const [a, b] = [await mk(`Gone ${uniq()}`), await mk(`Survivor ${uniq()}`)];
    const m = await request.post("/api/v1/persons/merge", { headers: h, data: { sourceId: a, targetId: b, reason: "same customer" } });
    expect(m.status()).toBe(200);
    await page.goto(`/persons/${a}`);
    await expect(page.getByText("This person was merged into another")).toBeVisible();
    await expect(page.getByText(/same customer/)).toBeVisible();
    await expect(page.getByRole("navigation").first()).toBeVisible(); // the app frame
    await page.getByRole("link", { name: /^Open Survivor/ }).click();
    await expect(page).toHaveURL(new RegExp(`/persons/${b}$`));
  });
});
