import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
// Spec files that import lib/ run it outside Next.js: `import "server-only"` is a no-op here too
// (this config is loaded by the runner and by every worker before any spec file).
import "./scripts/node/server-only-noop.mjs";

// One production server (the app's own HTTP server, as `npm start`: scripts/e2e-server.ts) on a
// fresh SQLite file serves both the HTTP API tests
// (project "api", no browser) and the browser tests (project "e2e", Debian's Chromium).
// With E2E_DATABASE_URL=postgresql://…/<scratch db> the same suite runs against two app
// processes (npm run start:cluster, E2E_WORKERS) on a fresh PostgreSQL database instead.
const port = process.env.E2E_PORT || "3100";
process.env.E2E_PORT = port;
process.env.E2E_DATABASE_URL ??= `file:${path.resolve(".tmp/e2e/omni.db")}`;
process.env.E2E_PASSWORD ??= "e2e-Passw0rd!";
export const baseURL = `http://localhost:${port}`;

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// The PostgreSQL run (npm test's second pass, two app processes) repeats every flow and every API
// test, but not the three rendering sweeps — every page at every width with hostile names, the
// screenshots, and axe-core's WCAG audit of every page in both themes at three widths: what they
// check (overflow, console errors, U+FFFD, reachable row actions, accessibility of the markup) is
// the same markup from the same build whichever database holds the rows, and they are about half
// of the browser suite's time (CI's time limit: on 2026-12-01 the three took 14 of the SQLite
// run's 30 minutes; axe alone 6 of the PostgreSQL run's 21). Nor the two suites that check the
// same build's behaviour in the browser rather than what the server stores: every flow by keyboard
// alone with visible focus (2.1 of the PostgreSQL run's 11 browser minutes on 2026-12-02) and the
// security headers and CSP (headers from next.config.ts and proxy.ts, no database read).
const renderingSweeps = /ui\/(hostile-names|screens|axe|keyboard|security-headers)\.spec\.ts/;
const onPostgres = /^postgres(ql)?:/.test(process.env.E2E_DATABASE_URL);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "e2e",
      testMatch: /ui\/.*\.spec\.ts/,
      testIgnore: onPostgres ? renderingSweeps : undefined,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, launchOptions: { executablePath: chromium, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"] } },
    },
    // After the browser tests: the API suites (the restricted-key matrix above all) leave hundreds of
    // instances, agents and chats behind, which the pages would then have to render.
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    // Single sign-on against a real OpenID Connect provider: the spec starts the provider and an app
    // server of its own (ports E2E_PORT+5 and +6) with OMNI_OIDC_* set.
    { name: "sso", testMatch: /sso\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: { executablePath: chromium, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"] } } },
  ],
  webServer: {
    command: "npx tsx --import ./scripts/node/server-only-noop.mjs scripts/e2e-server.ts",
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { OMNI_LOG: "silent", OMNI_RATE_WINDOW_SECONDS: "5", E2E_DATABASE_URL: process.env.E2E_DATABASE_URL, E2E_WORKERS: process.env.E2E_WORKERS ?? "2", E2E_PASSWORD: process.env.E2E_PASSWORD, E2E_PORT: port, OMNI_DATA_DIR: path.resolve(".tmp/e2e"), OMNI_TRUSTED_PROXIES: "",
      // webhooks: the tests' receiver listens on loopback; short polls and backoffs
      OMNI_WEBHOOK_ALLOW_PRIVATE: "1", OMNI_WEBHOOK_POLL_MS: "200", OMNI_WEBHOOK_RETRY_SCALE: "0.01", OMNI_WEBHOOK_TIMEOUT_MS: "2000" },
  },
});
