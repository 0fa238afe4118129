// Starts a production server (`next start`) on a fresh SQLite database for the Playwright run:
// migrates it, creates the test users, then serves. Used by playwright.config.ts `webServer`.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dbFile = path.resolve(process.env.E2E_DB_FILE || ".tmp/e2e/omni.db");
process.env.DATABASE_URL = `file:${dbFile}`;

async function main() {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const { migrate } = await import("./db-migrate");
  await migrate(process.env.DATABASE_URL, true);
  const { createUser } = await import("../lib/services/users");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const sys = systemPrincipal("e2e-setup");
  const password = process.env.E2E_PASSWORD!;
  for (const role of ["admin", "lead", "viewer"] as const) {
    await createUser(sys, { email: `${role}@e2e.test`, password, role, name: `E2E ${role}` });
  }
  const { prisma } = await import("../lib/db");
  await prisma.$disconnect();
  const port = process.env.E2E_PORT || "3100";
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_URL: `http://localhost:${port}`, PORT: port },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
