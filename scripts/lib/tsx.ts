// The one way a tool here runs a TypeScript entry point in a child process: node, tsx's CLI and
// the server-only preload (scripts/node/server-only-noop.mjs), like the npm scripts do.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** `--import` value of the preload that makes `import "server-only"` a no-op outside Next.js (a file: URL). */
export const SERVER_ONLY_PRELOAD = new URL("../node/server-only-noop.mjs", import.meta.url).href;

/**
 * Arguments for `process.execPath` that run `script` (a .ts path, relative to the working
 * directory) with tsx and the preload, followed by `args`: `spawn(process.execPath, tsxArgs(…))`.
 */
export function tsxArgs(script: string, ...args: string[]): string[] {
  return [require.resolve("tsx/cli"), "--import", SERVER_ONLY_PRELOAD, script, ...args];
}
