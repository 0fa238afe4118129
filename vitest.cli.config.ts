import { defineConfig } from "vitest/config";
import path from "node:path";

// CLI tests: the real `omni` bin against the app's real server, as `npm start` runs it (production
// build required), on a fresh SQLite file — run by scripts/test.mjs after the build. CLI_PORT picks the server port.
export default defineConfig({
  // `import "server-only"` is a no-op outside Next.js, as Next itself resolves it on the server
  // (scripts/node/server-only-noop.mjs does the same for tsx and Playwright).
  resolve: { alias: { "@": path.resolve("."), "server-only": path.resolve("node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/cli/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/cli/support/server.ts"],
    env: { OMNI_LOG: "silent" },
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
