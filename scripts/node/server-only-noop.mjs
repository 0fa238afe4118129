// Preloaded (`node --import` / `tsx --import`) by every process that runs lib/ outside Next.js:
// the npm scripts, the spawned tsx children, bin/omni.mjs and the Playwright runner.
// `import "server-only"` marks a module that must never reach the browser; Next.js resolves it
// to a no-op on the server (the `react-server` condition) and fails the build when client code
// pulls it in. Plain Node has no such condition, so the package's default export throws: these
// hooks resolve it to the same no-op (`server-only/empty.js`) that Next uses on the server.
// (vitest: the `resolve.alias` in vitest.config.ts / vitest.cli.config.ts does the same.)
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
