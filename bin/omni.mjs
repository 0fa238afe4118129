#!/usr/bin/env node
// The `omni` command. Runs the TypeScript sources through tsx's loader (a runtime dependency),
// so a fresh `npm ci` needs no build step; tsx caches what it compiles.
import "../scripts/node/server-only-noop.mjs"; // `import "server-only"` in lib/ is a no-op here, as in Next on the server
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";

// `omni … | head -1`: a reader that goes away early is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { run, processIo } = await import("../cli/main.ts");
const code = await run(process.argv.slice(2), processIo());
// let stdout/stderr drain before exiting (pipes are asynchronous)
process.exitCode = code;
const done = () => process.exit(code);
if (process.stdout.writableLength || process.stderr.writableLength) {
  let pending = 2;
  const tick = () => --pending === 0 && done();
  process.stdout.write("", tick);
  process.stderr.write("", tick);
} else done();
