// `npm start`: apply pending migrations, create the first admin if there is none, then serve the
// built app on PORT (default 3000) through the app's own HTTP server (scripts/serve.ts →
// scripts/lib/http-server.ts), in a fresh process. `npm start -- -H 127.0.0.1` listens on one
// interface only (default: all); `-p PORT` overrides PORT.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { migrate } from "./db-migrate";
import { ensureFirstAdmin } from "./lib/ensure-admin";
import { authSecret } from "../lib/auth/secret";
import { databaseUrl, redactDatabaseSecrets, redactedDatabaseUrl } from "../lib/db/url";
import { trustedProxies } from "../lib/security/client-address";

async function main() {
  const { values } = parseArgs({
    options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
    strict: true,
  });
  trustedProxies(); // refuse a malformed OMNI_TRUSTED_PROXIES before anything else
  await migrate(databaseUrl(), true);
  await ensureFirstAdmin();
  const port = values.port || process.env.PORT || "3000";
  const env = { ...process.env, NEXTAUTH_SECRET: authSecret(), PORT: port };
  if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = `http://localhost:${port}`;
  console.log(`Omni Admin on http://${values.hostname ?? "localhost"}:${port} (database: ${redactedDatabaseUrl()})`);
  // a fresh process (tsx's loader comes along in execArgv): nothing of this one's setup is shared
  const args = ["--port", port, ...(values.hostname ? ["--hostname", values.hostname] : [])];
  const child = fork(fileURLToPath(new URL("./serve.ts", import.meta.url)), args, { stdio: "inherit", env });
  const stop = (sig: NodeJS.Signals) => child.kill(sig);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e) => {
  console.error("Start failed:", redactDatabaseSecrets(e instanceof Error ? e.message : String(e)));
  process.exit(1);
});
