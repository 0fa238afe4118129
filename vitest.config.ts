import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests run against a real SQLite file, fresh for every run (tests/global-setup.ts).
const runDb = path.resolve(".tmp", `vitest-${process.pid}.db`);
process.env.VITEST_DB_FILE ??= runDb;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(".") } },
  test: {
    include: ["tests/**/*.test.ts"],
    // tests/cli needs a production build and a running server: vitest.cli.config.ts (scripts/test.mjs)
    exclude: ["tests/cli/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    env: {
      DATABASE_URL: `file:${process.env.VITEST_DB_FILE}`,
      OMNI_LOG: "silent",
      OMNI_DATA_DIR: path.resolve(".tmp"),
    },
    pool: "forks",
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
