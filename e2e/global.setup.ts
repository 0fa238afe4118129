// Runs once before the api and e2e projects: API keys from the admin command, and a signed-in
// browser state per role.
import { test as setup, expect } from "./support/test";
import fs from "node:fs";
import { createKey } from "./support/admin-cli";
import { PASSWORD, STATE_DIR, USERS, saveKeys, storageState } from "./support/env";

setup("issue API keys with the admin command", async () => {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  saveKeys({
    all: createKey("e2e all", "*"),
    routesRead: createKey("e2e routes reader", "routes:read"),
    instancesRead: createKey("e2e instances reader", "instances:read"),
    tiny: createKey("e2e tiny limit", "*", ["--rate-limit", "3"]),
    personsRead: createKey("e2e persons reader", "persons:read"),
    auditRead: createKey("e2e audit reader", "audit:read"),
  });
});

for (const role of Object.keys(USERS) as (keyof typeof USERS)[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(USERS[role]);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL(/\/routes/);
    await expect(page.getByText(USERS[role]).first()).toBeVisible();
    await page.context().storageState({ path: storageState(role) });
  });
}
