#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure, each step an npm script:
//   typecheck → lint → test:unit and test:integration (vitest, fresh SQLite file, then a scratch
//   PostgreSQL database when a server is reachable — required on CI) → production build →
//   test:cli (the omni bin against the app's server as `npm start` runs it, vitest.cli.config.ts) →
//   test:e2e (Playwright: API tests over HTTP and browser e2e against the same server on a fresh
//   SQLite file) → with PostgreSQL: test:cli and test:e2e again (but the rendering, keyboard and header sweeps:
//   playwright.config.ts), against two app processes on a scratch PostgreSQL database, then
//   test:load and test:crash (tests/load).
// (`npm run check` is the quick inner loop: typecheck, lint, unit + integration on SQLite.)
// Finds Debian's Chromium for Playwright, installing it with apt-get when running as root.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = (title, cmd, args, env = {}) => {
  console.log(`\n▶ ${title}\n  $ ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${title} (${secs}s)`);
};

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

const canApt = () => process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
let aptUpdated = false;
function aptInstall(pkg) {
  if (!aptUpdated) run("apt-get update", "apt-get", ["update", "-qq"]);
  aptUpdated = true;
  run(`install ${pkg}`, "apt-get", ["install", "-y", "-qq", pkg], { DEBIAN_FRONTEND: "noninteractive" });
}

/** jq drives docs/cli-example.sh in the CLI tests; installed like Chromium when missing. */
function ensureJq() {
  if (spawnSync("jq", ["--version"], { stdio: "ignore" }).status === 0) return;
  if (canApt()) aptInstall("jq");
  else console.log("• jq not found: the CLI example-script test will be skipped (install jq to run it).");
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  if (!canApt()) {
    console.error(
      "✗ Chromium not found. The browser tests drive Debian's Chromium: install it with\n" +
        "    sudo apt-get update && sudo apt-get install -y chromium\n" +
        "  or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
    process.exit(1);
  }
  console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
  aptInstall("chromium");
  found = findChromium();
  if (!found) {
    console.error("✗ apt-get finished but no Chromium binary was found at /usr/bin/chromium.");
    process.exit(1);
  }
  return found;
}

// The suite also runs on PostgreSQL when a server is reachable (always on CI).
const pgServer = (process.env.OMNI_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");
/** pgServer for messages: its password masked (as lib/db/url.ts redactedDatabaseUrl does for the app). */
const pgServerShown = (() => {
  try {
    const u = new URL(pgServer);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return "(unparseable OMNI_TEST_PG_URL)";
  }
})();
async function postgresReachable() {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: `${pgServer}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops a scratch database. */
async function dropScratch(url) {
  const { default: pg } = await import("pg");
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: `${pgServer}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const chromium = ensureChromium();
ensureJq();
/** `npm run <script>`: every step is a script of package.json, runnable on its own. */
const script = (title, name, env = {}) => run(title, "npm", ["run", "--silent", name], env);
script("typecheck", "typecheck");
script("lint", "lint");
script("unit tests (SQLite)", "test:unit");
script("integration tests (SQLite)", "test:integration");
const withPostgres = await postgresReachable();
if (withPostgres) {
  script("unit tests (PostgreSQL)", "test:unit", { OMNI_TEST_DB: "postgresql" });
  script("integration tests (PostgreSQL)", "test:integration", { OMNI_TEST_DB: "postgresql" });
} else if (process.env.CI || process.env.OMNI_REQUIRE_PG) {
  console.error(`\n✗ No PostgreSQL server at ${pgServerShown} (CI runs the suite on both databases). Start it, or set OMNI_TEST_PG_URL.`);
  process.exit(1);
} else {
  console.log(`\n• Skipping the PostgreSQL run: no server at ${pgServerShown} (set OMNI_TEST_PG_URL; CI requires it).`);
}
script("production build", "build");
script("CLI tests (omni against the app's server)", "test:cli");
script("API + browser tests", "test:e2e", { CHROMIUM_PATH: chromium });
if (withPostgres) {
  // The same suites against the production deployment: two app processes on PostgreSQL.
  // Scratch databases, dropped and recreated by each suite's setup (and dropped after it).
  const cliDb = `${pgServer}/omni_test_cli`;
  const e2eDb = `${pgServer}/omni_test_e2e`;
  script("CLI tests (2 processes, PostgreSQL)", "test:cli", { CLI_DATABASE_URL: cliDb });
  script("API + browser tests (2 processes, PostgreSQL)", "test:e2e", { CHROMIUM_PATH: chromium, E2E_DATABASE_URL: e2eDb });
  await dropScratch(e2eDb);
  // Production mode: two app processes on PostgreSQL under load, and killed mid-write.
  script("load test (2 processes, PostgreSQL)", "test:load");
  script("crash test (kill -9 during merges)", "test:crash");
}
console.log("\nAll checks passed.");
