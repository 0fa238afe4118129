// Runs `prisma generate` offline. Prisma 7's CLI insists on a schema engine binary path even
// though generate never runs it (see shared/TOOLCHAIN.md), so we point it at node itself.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const r = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
