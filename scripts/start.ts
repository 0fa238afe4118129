// `npm start`: apply pending migrations, create the first admin if there is none, then serve the
// built app on PORT (default 3000).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { migrate } from "./db-migrate";
import { ensureFirstAdmin } from "./lib/ensure-admin";
import { authSecret } from "../lib/auth/secret";
import { databaseUrl, redactDatabaseSecrets, redactedDatabaseUrl } from "../lib/db/url";

const require = createRequire(import.meta.url);

async function main() {
  await migrate(databaseUrl(), true);
  await ensureFirstAdmin();
  const port = process.env.PORT || "3000";
  const env = { ...process.env, NEXTAUTH_SECRET: authSecret(), PORT: port };
  if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = `http://localhost:${port}`;
  const nextBin = require.resolve("next/dist/bin/next");
  console.log(`Omni Admin on http://localhost:${port} (database: ${redactedDatabaseUrl()})`);
  const child = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], { stdio: "inherit", env });
  const stop = (sig: NodeJS.Signals) => child.kill(sig);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e) => {
  console.error("Start failed:", redactDatabaseSecrets(e instanceof Error ? e.message : String(e)));
  process.exit(1);
});
