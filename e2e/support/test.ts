// The browser tests' `test`: Playwright's, with page.goto and page.reload waiting until React has
// hydrated an HTML page (<html data-hydrated>, set by components/providers.tsx). Without it a click
// right after a load can land on server-rendered markup before its handlers exist and be lost —
// seen on a loaded machine as a dialog that never opens.
import { test as base, type Page, type Response } from "@playwright/test";

async function hydrated(page: Page, res: Response | null): Promise<Response | null> {
  if (res && (res.headers()["content-type"] ?? "").includes("text/html")) {
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  }
  return res;
}

export const test = base.extend({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => hydrated(page, await goto(url, options));
    page.reload = async (options) => hydrated(page, await reload(options));
    await provide(page);
  },
});

export { expect } from "@playwright/test";

