// axe-core (WCAG 2.2 AA rule set) on every page, at phone (390 px) and desktop (1440 px) width, in the
// light and the dark theme. One signed-in context per theme; any violation fails the test, printed as
// rule, impact, and the offending elements with axe's own summary (e.g. the contrast ratio found).
// Also scanned: a form dialog and the phone menu open, so overlays are checked too.
import AxeBuilder from "@axe-core/playwright";
import type { AxeResults } from "axe-core";
import { type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { test, expect } from "../support/test";
import { bearer, keys, storageState } from "../support/env";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [390, 1440] as const;
const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];
const tag = Math.random().toString(36).slice(2, 7);

async function post(request: APIRequestContext, url: string, data: unknown): Promise<{ id: string }> {
  const res = await request.post(`/api/v1/${url}`, { headers: bearer(keys().all.key), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()).data;
}

interface World {
  personId: string;
  otherPersonId: string;
  auditEventId: string;
}

/** Enough data that every page shows its tables, badges and row actions. */
async function buildWorld(request: APIRequestContext): Promise<World> {
  const agent = await post(request, "agents", { name: `Axe agent ${tag}`, provider: "anthropic", model: "claude-sonnet-4" });
  const inst = await post(request, "instances", { name: `axe-wa-${tag}`, channel: "whatsapp", defaultAgentId: agent.id });
  const chat = await post(request, "chats", { instanceId: inst.id, externalId: `axe-${tag}@g.us`, title: `Axe room ${tag}`, type: "group" });
  const persons = [];
  for (const i of [1, 2]) {
    persons.push(await post(request, "persons", {
      displayName: `Axe Person ${tag}`,
      primaryPhone: "+5511977776666",
      identities: [{ instanceId: inst.id, platformUserId: `axe${i}${tag}@s.whatsapp.net`, platformUsername: `axe_${i}_${tag}` }],
    }));
  }
  await post(request, "routes", { instanceId: inst.id, scope: "chat", chatId: chat.id, agentId: agent.id, label: `Axe route ${tag}` });
  await post(request, "routes", { instanceId: inst.id, scope: "user", personId: persons[0]!.id, agentId: agent.id });
  await post(request, "keys", { name: `Axe key ${tag}`, scopes: ["routes:read"], rateLimit: 50 });
  const audit = await request.get(`/api/v1/audit?limit=1`, { headers: bearer(keys().all.key) });
  return { personId: persons[0]!.id, otherPersonId: persons[1]!.id, auditEventId: (await audit.json()).items[0].id };
}

function pagesOf(w: World): string[] {
  return [
    "/routes",
    "/routes/test",
    "/persons",
    `/persons/${w.personId}`,
    `/persons/merge?source=${w.otherPersonId}&target=${w.personId}`,
    "/persons/duplicates",
    "/audit",
    `/audit/${w.auditEventId}`,
    "/keys",
    "/webhooks",
    "/instances",
    "/users",
    "/account",
    "/api-docs",
    `/no-such-page-${tag}`,
  ];
}

/** axe's violations, one readable block per rule: impact, rule, help, and each node's target and summary. */
export function describeViolations(where: string, results: AxeResults): string[] {
  return results.violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`);
    const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : "";
    return `${where}: [${v.impact}] ${v.id} (${v.nodes.length}): ${v.help}\n${nodes.join("\n")}${more}`;
  });
}

async function scan(page: Page, where: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  return describeViolations(where, await builder.analyze());
}

async function themedContext(browser: Browser, theme: Theme, width: number, signedIn: boolean) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: theme,
    reducedMotion: "reduce", // overlays scanned at their final colours, not mid-fade
    ...(signedIn ? { storageState: storageState("admin") } : {}),
  });
  await context.addInitScript((t) => window.localStorage.setItem("omni-theme", t), theme);
  return context;
}

async function settle(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
}

// The printed violations say what is wrong; a trace of these long tests only strains a loaded machine.
test.use({ trace: "off" });

test.describe("axe-core: zero WCAG 2.2 AA violations", () => {
  let world: World;

  test.beforeAll(async ({ request }) => {
    world = await buildWorld(request);
  });

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      test(`every page, ${theme} theme, ${width} px`, async ({ browser }) => {
        test.setTimeout(240_000);
        const failures: string[] = [];
        const context = await themedContext(browser, theme, width, true);
        const page = await context.newPage();
        for (const url of pagesOf(world)) {
          await page.goto(url);
          await settle(page);
          expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
          failures.push(...(await scan(page, `${theme} ${width}px ${url}`)));
          if (process.env.AXE_SHOTS) await page.screenshot({ path: `test-results/axe/${theme}-${width}${url.split("?")[0]!.replace(/\//g, "_")}.png`, fullPage: true });
        }
        // Overlays: the new-route form dialog, and at phone width the navigation menu.
        await page.goto("/routes");
        await settle(page);
        await page.getByRole("button", { name: "New route" }).click();
        await page.getByRole("dialog", { name: "New route" }).waitFor();
        failures.push(...(await scan(page, `${theme} ${width}px /routes (New route dialog)`)));
        await page.keyboard.press("Escape");
        if (width === 390) {
          await page.getByRole("button", { name: "Open menu" }).click();
          await page.getByRole("dialog").waitFor();
          failures.push(...(await scan(page, `${theme} ${width}px /routes (menu)`)));
          await page.keyboard.press("Escape");
        }
        await context.close();

        const anon = await themedContext(browser, theme, width, false);
        const login = await anon.newPage();
        await login.goto("/login");
        await login.getByRole("button", { name: /sign in/i }).waitFor();
        failures.push(...(await scan(login, `${theme} ${width}px /login`)));
        await anon.close();
        expect(failures, `axe-core found violations:\n\n${failures.join("\n\n")}`).toEqual([]);
      });
    }
  }
});
