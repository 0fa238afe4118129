// Single sign-on end to end: a real OpenID Connect provider (oidc-provider, e2e/support/oidc-idp.ts)
// and an app server of its own (the production build through scripts/serve.ts, on the e2e
// database) configured for it by OMNI_OIDC_* — the shared web server's environment has no SSO.
// Mapped groups land with their role; an unmapped user is refused with OMNI_OIDC_DEFAULT_ROLE=none;
// a user disabled on the Users page is refused although the provider says yes; a tampered state
// is refused. The same server trusts 127.0.0.1 as an authenticating reverse proxy
// (OMNI_TRUSTED_PROXIES, OMNI_PROXY_AUTH_HEADER): its header signs a user in; the same header
// from another peer (127.0.0.2) is ignored.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { test } from "../support/test";
import { sql } from "../support/db";
import { startIdp, CLIENT_ID, CLIENT_SECRET } from "../support/oidc-idp";
import { tsxArgs } from "../../scripts/lib/tsx";

const base = Number(process.env.E2E_PORT || 3100);
const APP_PORT = base + 5;
const IDP_PORT = base + 6;
const APP = `http://localhost:${APP_PORT}`;
const uniq = Math.random().toString(36).slice(2, 7);
const ACCOUNTS = {
  ada: { email: `ada-${uniq}@sso.test`, name: "Ada Admin", groups: ["staff", "omni-admins"] },
  lin: { email: `lin-${uniq}@sso.test`, name: "Lin Lead", groups: ["omni-leads"] },
  max: { email: `max-${uniq}@sso.test`, name: "Max Marketing", groups: ["marketing"] },
  dis: { email: `dis-${uniq}@sso.test`, name: "Dee Disabled", groups: ["omni-leads"] },
};

let idp: Awaited<ReturnType<typeof startIdp>>;
let app: ChildProcess;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  idp = await startIdp(IDP_PORT, APP, ACCOUNTS);
  app = spawn(process.execPath, tsxArgs("scripts/serve.ts", "--port", String(APP_PORT)), {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      OMNI_DATA_DIR: path.resolve(".tmp/e2e-sso"),
      NEXTAUTH_URL: APP,
      NEXTAUTH_SECRET: "e2e-sso-secret-e2e-sso-secret-0123456789",
      OMNI_LOG: "silent",
      OMNI_OIDC_ISSUER: idp.issuer,
      OMNI_OIDC_CLIENT_ID: CLIENT_ID,
      OMNI_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OMNI_OIDC_NAME: "Test IdP",
      OMNI_OIDC_ROLE_MAP: "omni-admins=admin,omni-leads=lead",
      OMNI_OIDC_DEFAULT_ROLE: "none",
      OMNI_TRUSTED_PROXIES: "127.0.0.1,::1",
      OMNI_PROXY_AUTH_HEADER: "x-forwarded-email",
      OMNI_PROXY_AUTH_DEFAULT_ROLE: "viewer",
    },
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${APP}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error("the SSO app server did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  app?.kill("SIGTERM");
  await idp?.stop();
});

/** From the app's sign-in page through the provider's login and consent, back to the app. */
async function ssoSignIn(page: Page, login: keyof typeof ACCOUNTS) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await Promise.race([consent.waitFor({ timeout: 15_000 }).then(() => consent.click()), page.waitForURL(new RegExp(`^${APP}/`), { timeout: 15_000 })]);
  await page.waitForURL(new RegExp(`^${APP}/`));
}

test("/info lists oidc and proxy beside password", async ({ request }) => {
  const { data } = await (await request.get(`${APP}/api/v1/info`)).json();
  expect(data.authModes).toEqual(["apiKey", "session", "password", "oidc", "proxy"]);
  expect(data.twoFactor).toBe("optional");
});

test("a user in the mapped admin group lands as admin, created with provider and subject audited", async ({ page }) => {
  await ssoSignIn(page, "ada");
  await expect(page).not.toHaveURL(/\/login/);
  const { data } = await (await page.request.get("/api/v1/auth/status")).json();
  expect(data).toMatchObject({ role: "admin" });
  const [u] = await sql<{ role: string; authMethod: string; name: string }>(`SELECT "role", "authMethod", "name" FROM "User" WHERE "email" = ?`, [ACCOUNTS.ada.email]);
  expect(u).toMatchObject({ role: "admin", authMethod: "oidc", name: "Ada Admin" });
  const events = await sql<{ after: string }>(`SELECT "after" FROM "AuditEvent" WHERE "action" = 'user.signin' AND "actorLabel" = ?`, [ACCOUNTS.ada.email]);
  expect(JSON.stringify(events[0]?.after)).toContain(`${idp.issuer}|ada`);
  // the Users page shows the role as managed by SSO
  await page.goto("/users");
  await expect(page.getByRole("row", { name: new RegExp(ACCOUNTS.ada.email) }).getByText("managed by SSO").filter({ visible: true })).toBeVisible();
  // sign-out ends the product session: the old cookie no longer works
  const cookies = await page.context().cookies();
  await page.request.post("/api/auth/signout", { form: { csrfToken: (await (await page.request.get("/api/auth/csrf")).json()).csrfToken }, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  await page.context().clearCookies();
  await page.context().addCookies(cookies);
  expect((await page.request.get("/api/v1/auth/status")).status()).toBe(401);
});

test("a user in the mapped lead group lands as lead", async ({ page }) => {
  await ssoSignIn(page, "lin");
  const { data } = await (await page.request.get("/api/v1/auth/status")).json();
  expect(data).toMatchObject({ role: "lead" });
});

test("a user in no mapped group is refused with OMNI_OIDC_DEFAULT_ROLE=none", async ({ page }) => {
  await ssoSignIn(page, "max");
  await expect(page).toHaveURL(/\/login\?error=sso&reason=unmapped/);
  await expect(page.getByText("Your account has no role in Omni Admin")).toBeVisible();
  expect(await sql(`SELECT "id" FROM "User" WHERE "email" = ?`, [ACCOUNTS.max.email])).toHaveLength(0);
});

test("a user disabled on the Users page is refused although the provider says yes", async ({ browser }) => {
  const first = await browser.newPage({ baseURL: APP });
  await ssoSignIn(first, "dis");
  expect((await first.request.get("/api/v1/auth/status")).status()).toBe(200);
  await first.close();
  await sql(`UPDATE "User" SET "disabled" = ? WHERE "email" = ?`, [true, ACCOUNTS.dis.email]);
  const page = await browser.newPage({ baseURL: APP });
  await ssoSignIn(page, "dis");
  await expect(page).toHaveURL(/\/login\?error=sso&reason=disabled/);
  await expect(page.getByText("This account is disabled")).toBeVisible();
  await page.close();
});

test("a tampered state is refused", async ({ page }) => {
  // the authorization request leaves the app with a state bound to this browser's cookie; the
  // provider echoes whatever it got back to the callback (a redirect Playwright cannot intercept)
  let tampered = false;
  await page.route(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/auth\\?`), (route) => {
    const url = new URL(route.request().url());
    expect(url.searchParams.get("state")).toBeTruthy();
    url.searchParams.set("state", "tampered-state");
    tampered = true;
    return route.continue({ url: url.href });
  });
  await ssoSignIn(page, "lin");
  expect(tampered).toBe(true);
  await expect(page).toHaveURL(/\/login\?(.*&)?error=OAuthCallback/);
  await expect(page.getByText("Single sign-on failed")).toBeVisible();
  expect((await page.request.get("/api/v1/auth/status")).status()).toBe(401);
});

/** GET `path` on the SSO app from the loopback address `source` (the trusted proxy is 127.0.0.1 only). */
function getFrom(source: string, path: string, headers: Record<string, string>): Promise<{ status: number; location: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: APP_PORT, path, localAddress: source, headers: { Host: `localhost:${APP_PORT}`, ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ""), cookies: res.headers["set-cookie"] ?? [] }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("a trusted proxy's header signs its user in as a product session; from any other peer it is ignored", async () => {
  const email = `prx-${uniq}@proxy.test`;
  const header = { "x-forwarded-email": email };
  // the header from 127.0.0.2, which is not a trusted proxy: refused, nobody created, no session
  const forged = await getFrom("127.0.0.2", "/login/proxy?callbackUrl=%2Froutes", header);
  expect(forged.status).toBe(303);
  expect(forged.location).toContain("/login?error=proxy&reason=untrusted");
  expect(forged.cookies.join(";")).not.toMatch(/session-token=[^;]/);
  expect((await getFrom("127.0.0.2", "/api/v1/auth/status", header)).status).toBe(401);
  expect(await sql(`SELECT "id" FROM "User" WHERE "email" = ?`, [email])).toHaveLength(0);
  // from the trusted proxy: a session for a new viewer, back to the page asked for
  const signed = await getFrom("127.0.0.1", "/login/proxy?callbackUrl=%2Froutes", header);
  expect(signed.status).toBe(303);
  expect(new URL(signed.location, APP).pathname).toBe("/routes");
  const cookie = signed.cookies.map((c) => c.split(";")[0]).filter((c) => /session-token=/.test(c)).join("; ");
  expect(cookie).not.toBe("");
  const [u] = await sql<{ role: string; authMethod: string }>(`SELECT "role", "authMethod" FROM "User" WHERE "email" = ?`, [email]);
  expect(u).toMatchObject({ role: "viewer", authMethod: "proxy" });
  // the cookie works without the header, from anywhere: it is a product session
  const status = await fetch(`${APP}/api/v1/auth/status`, { headers: { cookie } });
  expect(status.status).toBe(200);
  expect((await status.json()).data).toMatchObject({ role: "viewer" });
});
