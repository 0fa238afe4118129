// Two-factor sign-in in the browser: enrol on the account page (QR code and key, confirm with a
// code, recovery codes shown once), then sign in with the password and a code; a recovery code
// works once; an admin resets it on the Users page.
import { generate } from "otplib";
import { test, expect } from "../support/test";
import { storageState } from "../support/env";
import { createUser } from "../support/sessions";
import type { Page } from "@playwright/test";

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login?callbackUrl=%2Faccount");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByLabel("Two-factor code")).toBeVisible();
}

test("enrol with the QR code's key, sign in with a code, a recovery code once, and an admin reset", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const u = await createUser(request, "lead");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login?callbackUrl=%2Faccount");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await page.waitForURL((url) => url.pathname === "/account");

  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveAttribute("src", /^data:image\/png;base64,/);
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill("000000" === (await generate({ secret })) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  const list = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(list).toHaveCount(10);
  const recovery = (await list.allTextContents()).map((c) => c.trim());
  await context.close();

  // password, then a code (the next step's, the current one was used to enrol)
  const second = await browser.newPage();
  await passwordStep(second, u.email, u.password);
  await second.getByLabel("Two-factor code").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await second.getByRole("button", { name: "Verify" }).click();
  await second.waitForURL((url) => url.pathname === "/account");
  await expect(second.getByText(/Two-factor sign-in is on/)).toBeVisible();
  await second.close();

  // a recovery code works once
  for (const expected of ["ok", "refused"]) {
    const p = await browser.newPage();
    await passwordStep(p, u.email, u.password);
    await p.getByLabel("Two-factor code").fill(recovery[0]);
    await p.getByRole("button", { name: "Verify" }).click();
    if (expected === "ok") await p.waitForURL((url) => url.pathname === "/account");
    else await expect(p.getByText("That two-factor code is not right.")).toBeVisible();
    await p.close();
  }

  // an admin resets it on the Users page; the password alone signs in again
  const adminCtx = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminCtx.newPage();
  await admin.goto("/users");
  await admin.getByRole("button", { name: `Actions for ${u.email}` }).click();
  await admin.getByRole("menuitem", { name: "Reset two-factor…" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Reset two-factor" }).click();
  await expect(admin.getByText(`${u.email}: two-factor sign-in was reset.`)).toBeVisible();
  await adminCtx.close();
  const last = await browser.newPage();
  await last.goto("/login?callbackUrl=%2Faccount");
  await last.getByLabel("Email").fill(u.email);
  await last.getByLabel("Password").fill(u.password);
  await last.getByRole("button", { name: /^sign in$/i }).click();
  await last.waitForURL((url) => url.pathname === "/account");
  await last.close();
});
