// Every dashboard page at phone (360, 390 px), small-laptop (800, 1024 px) and desktop (1440 px) width, with a
// small demo-like data set plus hostile names (emoji-first, right-to-left, a 200-character word,
// HTML) created through the API. Each page fails the run on: a console error or uncaught exception
// (a hydration mismatch is one), a page wider than the viewport, a U+FFFD replacement character in
// the text, a row action that cannot be brought into the viewport. Screenshots go to
// test-results/screens/<width>/<page>.png; the 390 px Routes one is also the README's phone shot.
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

const WIDTHS = [360, 390, 800, 1024, 1440] as const;
const SHOTS = path.resolve("test-results/screens");
const tag = Math.random().toString(36).slice(2, 7);
const LONG_WORD = "Pneumono".repeat(25); // 200 characters, no break opportunity
const WORD_80 = LONG_WORD.slice(0, 80); // where a field allows at most 100 or 120

const HOSTILE_NAMES = [
  `🚀 Ana Clara 🇧🇷 ${tag}`,
  `محمد علي ${tag}`,
  `${LONG_WORD.slice(0, 190)}${tag}`, // one 195-character word
  `<b>Bold</b> <script>alert(1)</script> ${tag}`,
  `👩‍👩‍👧‍👦 Família Souza ${tag}`,
];

interface World {
  personId: string;
  otherPersonId: string;
  auditEventId: string;
  extraPages: string[];
}

async function post(request: APIRequestContext, url: string, data: unknown): Promise<{ id: string; identities?: { id: string }[] }> {
  const res = await request.post(`/api/v1/${url}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()).data;
}

/** A small demo-like directory: instances, agents, chats, persons (hostile names first), routes, a key. */
async function buildWorld(request: APIRequestContext): Promise<World> {
  const agents = [];
  for (const name of ["Sales Concierge", "Support Desk", `Agent ${WORD_80}`]) {
    agents.push(await post(request, "agents", { name: `${name} ${tag}`, provider: "anthropic", model: "claude-sonnet-4", description: `Answers ${name.toLowerCase()} questions` }));
  }
  const wa = await post(request, "instances", { name: `screens-whatsapp-${tag}`, channel: "whatsapp", defaultAgentId: agents[0]!.id });
  const sms = await post(request, "instances", { name: `screens-sms-${tag}`, channel: "sms" });
  const chat = await post(request, "chats", { instanceId: wa.id, externalId: `1203630${tag}@g.us`, title: `🚀 Launch room ${WORD_80} ${tag}`, type: "group" });
  const persons = [];
  for (const [i, name] of [...HOSTILE_NAMES, `Maria Silva ${tag}`, `Maria Silva ${tag}`].entries()) {
    persons.push(await post(request, "persons", {
      displayName: name,
      primaryPhone: i >= HOSTILE_NAMES.length ? "+5511988887777" : undefined,
      primaryEmail: i === 2 ? `${WORD_80.toLowerCase()}@example.com` : undefined,
      identities: [
        { instanceId: wa.id, platformUserId: `55119${i}${tag}@s.whatsapp.net`, platformUsername: `user_${i}_${tag}` },
        { instanceId: sms.id, platformUserId: `+55119${i}000${i}`, platformUsername: null },
      ],
    }));
  }
  await post(request, "routes", { instanceId: wa.id, scope: "chat", chatId: chat.id, agentId: agents[1]!.id, label: `War room ${WORD_80} ${tag}` });
  await post(request, "routes", { instanceId: wa.id, scope: "user", personId: persons[0]!.id, agentId: agents[2]!.id, label: HOSTILE_NAMES[0] });
  await post(request, "routes", { instanceId: sms.id, scope: "user", personId: persons[1]!.id, agentId: agents[0]!.id });
  await post(request, "keys", { name: `Deploy bot ${WORD_80} ${tag}`, scopes: ["routes:read", "routes:write", "persons:read"], rateLimit: 100 });
  // a webhook with a long address and description (disabled: nothing is sent to it)
  const hook = await post(request, "webhooks", { url: `https://hooks.example.com/${WORD_80}/${tag}`, events: ["person.merge", "identity.*"], description: `CRM sync ${WORD_80}` });
  expect((await request.patch(`/api/v1/webhooks/${hook.id}`, { headers: bearer(keys().all.key), data: { disabled: true } })).status()).toBe(200);
  const audit = await request.get(`/api/v1/audit?limit=1`, { headers: bearer(keys().all.key) });
  const auditEventId = (await audit.json()).items[0].id as string;
  const extraPages: string[] = [];
  for (const p of ["/users", "/account"]) {
    const res = await request.get(p, { headers: bearer(keys().all.key), maxRedirects: 0 });
    if (res.status() !== 404) extraPages.push(p); // built in parallel on another branch
  }
  return { personId: persons[0]!.id, otherPersonId: persons[1]!.id, auditEventId, extraPages };
}

function pagesOf(w: World): [name: string, url: string][] {
  return [
    ["routes", "/routes"],
    ["routes-test", "/routes/test"],
    ["persons", "/persons"],
    ["person", `/persons/${w.personId}`],
    ["merge", `/persons/merge?source=${w.otherPersonId}&target=${w.personId}`],
    ["duplicates", "/persons/duplicates"],
    ["audit", "/audit"],
    ["audit-event", `/audit/${w.auditEventId}`],
    ["keys", "/keys"],
    ["webhooks", "/webhooks"],
    ["instances", "/instances"],
    ["api-docs", "/api-docs"],
    ["not-found", `/no-such-page-${tag}`],
    ...w.extraPages.map((p): [string, string] => [p.slice(1), p]),
  ];
}

/** What is wrong with the page as shown now: overflow, U+FFFD, unreachable row actions. */
async function problemsOf(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth, fffd } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    fffd: document.body.innerText.includes("\uFFFD"),
  }));
  if (scrollWidth > innerWidth) {
    // Name the outermost elements sticking out, to say where to look.
    const culprits = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const right = el.getBoundingClientRect().right;
        const parent = el.parentElement?.getBoundingClientRect().right ?? 0;
        if (right > window.innerWidth + 1 && parent <= window.innerWidth + 1 && out.length < 3) {
          out.push(`<${el.tagName.toLowerCase()} class="${String(el.className).slice(0, 80)}"> right ${Math.round(right)}`);
        }
      }
      return out;
    });
    problems.push(`page is ${scrollWidth - innerWidth}px wider than the viewport: ${culprits.join("; ")}`);
  }
  if (fffd) problems.push("text contains U+FFFD");
  const actions = page.locator("table tbody tr:nth-child(-n+3) td:last-child :is(a, button)");
  for (const action of await actions.all()) {
    const name = (await action.getAttribute("aria-label")) ?? (await action.innerText());
    await action.scrollIntoViewIfNeeded();
    const box = await action.boundingBox();
    const visible = await action.isVisible();
    if (!visible || !box || box.x < 0 || box.x + box.width > innerWidth + 0.5) problems.push(`row action "${name}" is not reachable (${JSON.stringify(box)})`);
  }
  return problems;
}

async function visitAll(browser: Browser, width: number, w: World) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, storageState: storageState("admin") });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  const failures: string[] = [];
  fs.mkdirSync(path.join(SHOTS, String(width)), { recursive: true });
  for (const [name, url] of pagesOf(w)) {
    errors.length = 0;
    const res = await page.goto(url);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle").catch(() => {});
    const expected404 = name === "not-found" ? [/status of 404/] : [];
    const consoleErrors = errors.filter((e) => !expected404.some((re) => re.test(e)));
    if (name === "not-found") expect(res?.status()).toBe(404);
    const problems = [...consoleErrors.map((e) => `console: ${e}`), ...(await problemsOf(page))];
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, String(width), `${name}.png`), fullPage: true });
    failures.push(...problems.map((p) => `${width}px ${url}: ${p}`));
  }
  // Signed out: the sign-in page.
  const anon = await browser.newContext({ viewport: { width, height: 900 } });
  const login = await anon.newPage();
  const loginErrors: string[] = [];
  login.on("console", (m) => { if (m.type() === "error") loginErrors.push(m.text()); });
  await login.goto("/login");
  await login.getByRole("button", { name: /sign in/i }).waitFor();
  failures.push(...[...loginErrors.map((e) => `console: ${e}`), ...(await problemsOf(login))].map((p) => `${width}px /login: ${p}`));
  await login.screenshot({ path: path.join(SHOTS, String(width), "login.png") });
  await anon.close();
  return { context, page, failures };
}

test.describe("every screen at every width", () => {
  test.describe.configure({ mode: "serial" });
  let world: World;

  test.beforeAll(async ({ request }) => {
    world = await buildWorld(request);
  });

  for (const width of WIDTHS) {
    test(`${width} px: no console error, no overflow, no U+FFFD, row actions reachable`, async ({ browser }) => {
      test.setTimeout(120_000);
      const { context, page, failures } = await visitAll(browser, width, world);
      if (width === 390) {
        // The phone menu: a dialog holding the navigation, closed by following a link.
        await page.goto("/routes");
        await page.getByRole("button", { name: "Open menu" }).click();
        const menu = page.getByRole("dialog");
        await expect(menu.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Persons" })).toBeVisible();
        await menu.getByRole("link", { name: "Persons" }).click();
        await expect(page).toHaveURL(/\/persons$/);
        await expect(page.getByRole("dialog")).toHaveCount(0);
        await page.goto("/routes");
        await page.screenshot({ path: "docs/screenshots/routes-phone.png" });
        // A form dialog fits the screen, its buttons inside the viewport.
        await page.getByRole("button", { name: "New route" }).click();
        const form = page.getByRole("dialog", { name: "New route" });
        const box = (await form.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        await expect(form.getByRole("button", { name: "Cancel" })).toBeInViewport();
        await page.screenshot({ path: path.join(SHOTS, "390", "route-form.png") });
        await page.keyboard.press("Escape");
      }
      await context.close();
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});

test.describe("always say what happened", () => {
  test.use({ storageState: storageState("admin") });

  test("an unknown address: 'Page not found' inside the app frame, a way back, the product named once", async ({ page }) => {
    const res = await page.goto(`/no-such-page-${tag}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeAttached();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible(); // the app frame
    await expect(page).toHaveTitle("Page not found · Omni Admin");
    await page.getByRole("link", { name: "Back to routes" }).click();
    await expect(page).toHaveURL(/\/routes$/);
    await expect(page).toHaveTitle("Routes · Omni Admin");
    await page.goto(`/persons/00000000-0000-4000-8000-000000000000`); // notFound() inside a page
    await expect(page.getByRole("link", { name: "Back to routes" })).toBeVisible();
  });
});
