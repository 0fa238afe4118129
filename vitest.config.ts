import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests run against a real database, fresh for every run (tests/global-setup.ts):
// a SQLite file by default, or a scratch PostgreSQL database with OMNI_TEST_DB=postgresql
// (server from OMNI_TEST_PG_URL, default the local one).
const pg = process.env.OMNI_TEST_DB === "postgresql";
const runDb = path.resolve(".tmp", `vitest-${process.pid}.db`);
process.env.VITEST_DB_FILE ??= runDb;
const pgServer = (process.env.OMNI_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");
const databaseUrl = pg ? `${pgServer}/omni_vitest_${process.pid}` : `file:${process.env.VITEST_DB_FILE}`;
process.env.VITEST_DATABASE_URL = databaseUrl;

export default defineConfig({
  // `import "server-only"` is a no-op outside Next.js, as Next itself resolves it on the server
  // (scripts/node/server-only-noop.mjs does the same for tsx and Playwright).
  resolve: { alias: { "@": path.resolve("."), "server-only": path.resolve("node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/**/*.test.ts"],
    // tests/cli needs a production build and a running server: vitest.cli.config.ts (scripts/test.mjs)
    exclude: ["tests/cli/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    env: {
      DATABASE_URL: databaseUrl,
      OMNI_LOG: "silent",
      OMNI_DATA_DIR: path.resolve(".tmp"),
      OMNI_AUDIT_CHECKPOINT_FILE: path.resolve(".tmp", `audit-checkpoints-${process.pid}.ndjson`),
    },
    pool: "forks",
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
