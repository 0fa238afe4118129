// Starts the production build for the Playwright run on a fresh database (E2E_DATABASE_URL):
// migrates it, creates the test users, then serves through the app's own HTTP server, as
// `npm start` does (scripts/serve.ts) on a SQLite file, or on PostgreSQL as E2E_WORKERS app
// processes behind one port (scripts/start-cluster.ts), the way it is deployed when one process is
// not enough. Used by playwright.config.ts `webServer`.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { tsxArgs } from "./lib/tsx";

const databaseUrl = process.env.E2E_DATABASE_URL || `file:${path.resolve(".tmp/e2e/omni.db")}`;
const onPostgres = databaseUrl.startsWith("postgres");
process.env.DATABASE_URL = databaseUrl;

async function freshDatabase() {
  if (onPostgres) {
    const { dropDatabase } = await import("./lib/pg-admin");
    await dropDatabase(databaseUrl);
  } else {
    const file = databaseUrl.replace(/^file:/, "");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const { migrate } = await import("./db-migrate");
  await migrate(databaseUrl, true);
}

async function main() {
  await freshDatabase();
  const { createUser } = await import("../lib/users/create-user");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const sys = systemPrincipal("e2e-setup");
  const password = process.env.E2E_PASSWORD!;
  for (const role of ["admin", "lead", "viewer"] as const) {
    await createUser(sys, { email: `${role}@e2e.test`, password, role, name: `E2E ${role}` });
  }
  const { prisma } = await import("../lib/db");
  await prisma.$disconnect();
  const port = process.env.E2E_PORT || "3100";
  const env = { ...process.env, NEXTAUTH_URL: `http://localhost:${port}`, PORT: port };
  const child = onPostgres
    ? spawn(process.execPath, tsxArgs("scripts/start-cluster.ts"), {
        stdio: "inherit",
        env: { ...env, OMNI_WORKERS: process.env.E2E_WORKERS || "2" },
      })
    : spawn(process.execPath, tsxArgs("scripts/serve.ts", "--port", port), { stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
