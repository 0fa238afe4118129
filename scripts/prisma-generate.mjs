// Runs `prisma generate` offline, for both databases: lib/generated/prisma (SQLite, from
// prisma/schema.prisma) and lib/generated/prisma-pg (PostgreSQL, from the derived datamodel —
// see scripts/lib/schema-variants.mjs). Prisma 7's CLI insists on a schema engine binary path
// even though generate never runs it (see shared/TOOLCHAIN.md), so we point it at node itself.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writePostgresqlSchema } from "./lib/schema-variants.mjs";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const generate = (...args) => spawnSync(process.execPath, [cli, "generate", ...args], { stdio: "inherit", env }).status ?? 1;

let status = generate();
if (status === 0) status = generate("--schema", writePostgresqlSchema());
process.exit(status);
