// The Users page (admins): add a user with a setup link or a password, change role, disable and
// enable, reset a password, sign someone out everywhere, delete — each behind a confirmation —
// and the last active admin's refusal shown as the server's message. Screenshots at 390 and 1440 px.
import { type APIRequestContext, type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { USERS, bearer, keys, storageState } from "../support/env";
import { signIn, status, STRONG, uniq } from "../support/sessions";

const admin = () => bearer(keys().all.key);

/** A user made over the API with a known name; returns what the page shows of them. */
async function makeUser(request: APIRequestContext, role: "admin" | "lead" | "viewer", tag = uniq()) {
  const email = `ui-users-${role}-${tag}@e2e.test`;
  const name = `Ui ${role} ${tag}`;
  const res = await request.post("/api/v1/users", { headers: admin(), data: { email, name, role, password: STRONG } });
  expect(res.status(), await res.text()).toBe(201);
  return { id: (await res.json()).data.id as string, email, name, password: STRONG };
}

/** The table row of one user, found through the search box (the table pages at 50 rows). */
async function rowOf(page: Page, email: string) {
  await page.getByLabel("Search users").fill(email);
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  return row;
}

async function menu(page: Page, email: string, item: string) {
  const row = await rowOf(page, email);
  await row.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test.describe("Users page (admin)", () => {
  test.use({ storageState: storageState("admin") });

  test("add a user with a setup link: shown once with a copy button and its expiry; the link sets their password", async ({ page, context, browser }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expect(await rowOf(page, USERS.admin)).toContainText("you");

    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a user" });
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("Must be a valid email address.")).toBeVisible();

    const email = `invitee-${uniq()}@e2e.test`;
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Invited Lead");
    await dialog.getByLabel("Role").selectOption("lead");
    await expect(dialog.getByRole("radio", { name: /Send a setup link/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Add user" }).click();

    const shown = page.getByRole("dialog", { name: "User added: setup link" });
    await expect(shown).toBeVisible();
    await expect(shown.getByText("Copy it now: it will not be shown again")).toBeVisible();
    await expect(shown.getByText(/^Expires .+ \((in (24|23) hours|tomorrow)\)\.$/)).toBeVisible();
    const url = await shown.getByLabel("Setup link").inputValue();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/setup-password\?token=[\w-]{20,}$/);
    await shown.getByRole("button", { name: "Copy link" }).click();
    await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();

    const row = await rowOf(page, email);
    await expect(row).toContainText("Invited Lead");
    await expect(row.getByRole("cell").nth(1)).toHaveText("Lead");
    await expect(row.getByRole("cell").nth(2)).toHaveText("Must set password");
    await expect(row).toContainText("never");

    // the invitee opens the link and chooses a password; the row turns active
    const visitor = await browser.newContext();
    const setup = await visitor.newPage();
    await setup.goto(url);
    await setup.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(setup.getByText(email)).toBeVisible();
    await setup.getByLabel("New password").fill(STRONG);
    await setup.getByLabel("Repeat the password").fill(STRONG);
    await setup.getByRole("button", { name: "Set password" }).click();
    await expect(setup.getByText("Your password is set.")).toBeVisible();
    await visitor.close();
    await page.reload();
    await expect(await rowOf(page, email)).toContainText("Active");
  });

  test("add a user with a password: the policy's reason lands on the field; then they can sign in", async ({ page }) => {
    await page.goto("/users");
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a user" });
    const email = `with-password-${uniq()}@e2e.test`;
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("radio", { name: /Set a password now/ }).check();
    await dialog.getByRole("textbox", { name: "Password", exact: true }).fill("password1234");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(dialog.getByRole("textbox", { name: "Password", exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText(/Too easy to guess/)).toBeVisible();
    await dialog.getByRole("textbox", { name: "Password", exact: true }).fill(STRONG);
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: `${email} was added` })).toBeVisible();
    await expect(await rowOf(page, email)).toContainText("Viewer");
    await expect(await rowOf(page, email)).toContainText("Active");
    const ctx = await signIn(email, STRONG);
    expect((await status(ctx)).code).toBe(200);
    await ctx.dispose();
  });

  test("change role, sign out everywhere, disable / enable, reset password, delete: each confirmed, each real", async ({ page, request }) => {
    test.slow();
    const u = await makeUser(request, "viewer");
    const session = await signIn(u.email, u.password);
    await page.goto("/users");
    let row = await rowOf(page, u.email);
    await expect(row.getByRole("cell").nth(1)).toHaveText("Viewer");
    await expect(row.getByRole("cell").nth(4)).toHaveText("1"); // one live session

    // change role: the session stays, with the new scopes
    await menu(page, u.email, "Change role…");
    const roleDialog = page.getByRole("alertdialog", { name: `Change the role of ${u.name}` });
    await roleDialog.getByLabel("Role").selectOption("lead");
    await roleDialog.getByRole("button", { name: "Change role" }).click();
    await expect(roleDialog).toBeHidden();
    await expect(row.getByRole("cell").nth(1)).toHaveText("Lead");
    const st = await status(session);
    expect(st.code).toBe(200);
    expect(st.body.data.role).toBe("lead");

    // sign out everywhere
    await menu(page, u.email, "Sign out everywhere…");
    const out = page.getByRole("alertdialog", { name: `Sign ${u.name} out everywhere?` });
    await out.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(out).toBeHidden();
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: `${u.email}: 1 session ended.` })).toBeVisible();
    expect((await status(session)).code).toBe(401);
    await expect(row.getByRole("cell").nth(4)).toHaveText("0");

    // disable, then enable
    await menu(page, u.email, "Disable…");
    const disable = page.getByRole("alertdialog", { name: `Disable ${u.name}?` });
    await disable.getByRole("button", { name: "Disable user" }).click();
    await expect(disable).toBeHidden();
    await expect(row).toContainText("Disabled");
    expect((await (await request.get(`/api/v1/users/${u.id}`, { headers: admin() })).json()).data.disabled).toBe(true);
    await menu(page, u.email, "Enable");
    await expect(row).toContainText("Active");
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: "they can sign in again" })).toBeVisible();

    // reset password: a one-time link, the old password stops working
    const again = await signIn(u.email, u.password);
    await menu(page, u.email, "Reset password…");
    const reset = page.getByRole("alertdialog", { name: `Reset the password of ${u.name}?` });
    await reset.getByRole("button", { name: "Reset password" }).click();
    const link = page.getByRole("dialog", { name: "Password reset: setup link" });
    await expect(link.getByLabel("Setup link")).toHaveValue(/\/setup-password\?token=/);
    await expect(link.getByText(/^Expires /)).toBeVisible();
    await link.getByRole("button", { name: "I have sent it" }).click();
    await expect(link).toBeHidden();
    row = await rowOf(page, u.email);
    await expect(row).toContainText("Must set password");
    expect((await status(again)).code).toBe(401);

    // delete: only after typing the email
    await menu(page, u.email, "Delete…");
    const del = page.getByRole("alertdialog", { name: `Delete ${u.name} permanently?` });
    await expect(del).toContainText("Disabling is usually what you want");
    const go = del.getByRole("button", { name: "Delete permanently" });
    await expect(go).toBeDisabled();
    await del.getByRole("textbox").fill(u.email);
    await go.click();
    await expect(del).toBeHidden();
    await expect(page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: u.email })).toHaveCount(0);
    await expect(page.getByText("No users match")).toBeVisible();
    expect((await request.get(`/api/v1/users/${u.id}`, { headers: admin() })).status()).toBe(404);
    await Promise.all([session.dispose(), again.dispose()]);
  });

  test("the last active admin cannot be demoted or disabled: the dialog shows the server's 409 and nothing changes", async ({ page, request }) => {
    // make admin@e2e.test the only active admin for this test (other specs leave admins behind)
    const list = await request.get("/api/v1/users?role=admin&limit=200", { headers: admin() });
    const others = ((await list.json()).items as { id: string; email: string; disabled: boolean }[])
      .filter((x) => x.email !== USERS.admin && !x.disabled);
    for (const o of others) expect((await request.patch(`/api/v1/users/${o.id}`, { headers: admin(), data: { disabled: true } })).status()).toBe(200);
    try {
      await page.goto("/users");
      await menu(page, USERS.admin, "Change role…");
      const roleDialog = page.getByRole("alertdialog", { name: /^Change the role of / });
      await expect(roleDialog).toContainText("This is you");
      await roleDialog.getByLabel("Role").selectOption("viewer");
      await roleDialog.getByRole("button", { name: "Change role" }).click();
      await expect(roleDialog.getByRole("alert")).toHaveText("This is the last active admin: it cannot be demoted. Make another user admin first.");
      await roleDialog.getByRole("button", { name: "Cancel" }).click();

      await menu(page, USERS.admin, "Disable…");
      const disable = page.getByRole("alertdialog", { name: /^Disable / });
      await disable.getByRole("button", { name: "Disable user" }).click();
      await expect(disable.getByRole("alert")).toContainText("last active admin");
      await disable.getByRole("button", { name: "Cancel" }).click();

      const row = await rowOf(page, USERS.admin);
      await expect(row.getByRole("cell").nth(1)).toHaveText("Admin");
      await expect(row.getByRole("cell").nth(2)).toHaveText("Active");
      const me = await request.get("/api/v1/users?role=admin&limit=200", { headers: admin() });
      expect(((await me.json()).items as { email: string; disabled: boolean }[]).find((x) => x.email === USERS.admin)?.disabled).toBe(false);
    } finally {
      for (const o of others) await request.patch(`/api/v1/users/${o.id}`, { headers: admin(), data: { disabled: false } });
    }
  });

  test("screenshots at 390 and 1440 px: nothing wider than the screen, the row menu reachable on a phone", async ({ page, request }) => {
    await makeUser(request, "lead");
    await makeUser(request, "viewer");
    for (const [width, height, file] of [[1440, 900, "users.png"], [390, 844, "users-mobile.png"]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto("/users");
      await expect(page.getByRole("table", { name: "Users" })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `docs/screenshots/${file}` });
      const trigger = page.getByRole("button", { name: `Actions for ${USERS.admin}` });
      await page.getByLabel("Search users").fill(USERS.admin);
      await expect(trigger).toBeInViewport();
      await trigger.click();
      await expect(page.getByRole("menuitem", { name: "Delete…" })).toBeInViewport();
      await page.keyboard.press("Escape");
    }
  });
});
