// Hostile names on every page, at phone (390 px), small-laptop (800 px) and desktop (1440 px)
// width, in the light and the dark theme: emoji first (🚀 Ana Clara 🇧🇷), right-to-left Arabic,
// a 200-character word, HTML that would run if injected, combining marks, a ZWJ family emoji.
// Each page fails on a console error or page error (React's hydration error #418 among them), a
// page wider than the viewport, a U+FFFD in the text, a row action that cannot be reached, or
// the HTML name having become markup. Screenshots: test-results/hostile/<theme>-<width>/<page>.png.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

const WIDTHS = [390, 800, 1440] as const;
const THEMES = ["light", "dark"] as const;
const SHOTS = path.resolve("test-results/hostile");
const tag = Math.random().toString(36).slice(2, 7);
const WORD_200 = "Donaudampfschifffahrtsgesellschaft".repeat(6).slice(0, 200);

export const HOSTILE = {
  emoji: `🚀 Ana Clara 🇧🇷 ${tag}`,
  rtl: `مريم العربية ${tag}`,
  long: WORD_200,
  html: `<img src=x onerror=alert(1)> ${tag}`,
  combining: `Zoe\u0308 Ren\u0301e Ngu\u0303\u0301n ${tag}`,
  family: `👨‍👩‍👧‍👦 Família ${tag}`,
};

type World = { persons: string[]; auditEventId: string };

async function post(request: APIRequestContext, url: string, data: unknown): Promise<{ id: string }> {
  const res = await request.post(`/api/v1/${url}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()).data;
}

async function seed(request: APIRequestContext): Promise<World> {
  const agent = await post(request, "agents", { name: `${HOSTILE.emoji} agent`, provider: "anthropic", model: "claude-sonnet-4" });
  const wa = await post(request, "instances", { name: `hostile-wa-${tag}`, channel: "whatsapp", defaultAgentId: agent.id });
  const chat = await post(request, "chats", { instanceId: wa.id, externalId: `${WORD_200.slice(0, 120)}@g.us`, title: HOSTILE.family, type: "group" });
  const persons: string[] = [];
  for (const [i, name] of Object.values(HOSTILE).entries()) {
    const p = await post(request, "persons", {
      displayName: name,
      // Two persons share the 60-character address: /persons/duplicates shows it in a badge.
      primaryEmail: i === 2 || i === 5 ? `${WORD_200.slice(0, 60).toLowerCase()}@example.com` : undefined,
      identities: [{ instanceId: wa.id, platformUserId: `h${i}-${tag}-${WORD_200.slice(0, 40)}`, platformUsername: name.slice(0, 60) }],
    });
    persons.push(p.id);
  }
  await post(request, "routes", { instanceId: wa.id, scope: "user", personId: persons[0], agentId: agent.id, label: HOSTILE.html.slice(0, 100) });
  await post(request, "routes", { instanceId: wa.id, scope: "chat", chatId: chat.id, agentId: agent.id, label: WORD_200.slice(0, 100) });
  await post(request, "keys", { name: HOSTILE.rtl, scopes: ["routes:read", "persons:read", "audit:read"] });
  const audit = await request.get(`/api/v1/audit?limit=1`, { headers: bearer(keys().all.key) });
  return { persons, auditEventId: (await audit.json()).items[0].id as string };
}

function pagesOf(w: World): [string, string][] {
  return [
    ["routes", "/routes"],
    ["routes-test", "/routes/test"],
    ["persons", "/persons"],
    ["persons-search", `/persons?q=${encodeURIComponent("Ana Clara")}`],
    ...w.persons.map((id, i): [string, string] => [`person-${Object.keys(HOSTILE)[i]}`, `/persons/${id}`]),
    ["merge", `/persons/merge?source=${w.persons[1]}&target=${w.persons[0]}`],
    ["duplicates", "/persons/duplicates"],
    ["audit", "/audit"],
    ["audit-event", `/audit/${w.auditEventId}`],
    ["keys", "/keys"],
    ["instances", "/instances"],
    ["users", "/users"],
    ["account", "/account"],
  ];
}

/** Overflow, U+FFFD, unreachable row actions, and the HTML name turned into markup. */
async function problemsOf(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const r = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    fffd: document.body.innerText.includes("\uFFFD"),
    injected: document.querySelectorAll('img[src="x"]').length,
  }));
  if (r.scrollWidth > r.innerWidth) problems.push(`page is ${r.scrollWidth - r.innerWidth}px wider than the viewport`);
  if (r.fffd) problems.push("text contains U+FFFD");
  if (r.injected) problems.push("the HTML name became an <img> element");
  const actions = page.locator("table tbody tr:nth-child(-n+3) td:last-child :is(a, button)");
  for (const action of await actions.all()) {
    const name = (await action.getAttribute("aria-label")) ?? (await action.innerText());
    await action.scrollIntoViewIfNeeded();
    const box = await action.boundingBox();
    if (!(await action.isVisible()) || !box || box.x < 0 || box.x + box.width > r.innerWidth + 0.5) problems.push(`row action "${name}" is not reachable`);
  }
  return problems;
}

async function visit(browser: Browser, theme: (typeof THEMES)[number], width: number, w: World): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme, storageState: storageState("admin") });
  await context.addInitScript((t) => localStorage.setItem("omni-theme", t), theme);
  const page = await context.newPage();
  const errors: string[] = [];
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; void d.dismiss(); }); // alert(1) must never run
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  const dir = path.join(SHOTS, `${theme}-${width}`);
  fs.mkdirSync(dir, { recursive: true });
  const failures: string[] = [];
  for (const [name, url] of pagesOf(w)) {
    errors.length = 0;
    await page.goto(url);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle").catch(() => {});
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
    const problems = [...errors.map((e) => `console: ${e}`), ...(await problemsOf(page))];
    if (dialogs) problems.push("a script from a name ran (alert)");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    failures.push(...problems.map((p) => `${theme} ${width}px ${url}: ${p}`));
  }
  await context.close();
  return failures;
}

test.describe("hostile names on every screen", () => {
  test.describe.configure({ mode: "serial" });
  let world: World;
  test.beforeAll(async ({ request }) => {
    world = await seed(request);
  });

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      test(`${theme}, ${width} px: clean console, no overflow, no U+FFFD, row actions reachable`, async ({ browser }) => {
        test.setTimeout(180_000);
        const failures = await visit(browser, theme, width, world);
        expect(failures, failures.join("\n")).toEqual([]);
      });
    }
  }

  test("the names render whole: every grapheme of each name is on its person page", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("admin") });
    const page = await context.newPage();
    for (const [i, id] of world.persons.entries()) {
      const name = Object.values(HOSTILE)[i]!;
      await page.goto(`/persons/${id}`);
      // The page streams: read the text once its heading is there (retrying until it holds).
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const want = i === 2 ? name.slice(0, 20) : name.normalize("NFC").split(" ")[0];
      await expect.poll(async () => (await page.locator("#main-content").innerText()).normalize("NFC"), { message: name }).toContain(want);
    }
    await context.close();
  });
});
