import { test, expect } from "../support/test";
import { storageState } from "../support/env";

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
