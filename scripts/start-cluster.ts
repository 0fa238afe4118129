// `npm run start:cluster`: several app processes behind one address, for when one process is not
// enough. The primary applies migrations and creates the first admin once, then forks
// OMNI_WORKERS (default 2) workers that each serve the built app; they share the listening socket
// (node:cluster), so clients see one address. Needs PostgreSQL (DATABASE_URL=postgresql://…):
// caches stay correct across the workers through LISTEN/NOTIFY and rate limits are counted in the
// database (lib/events/change-bus.ts, lib/api/rate-limit.ts). A worker that dies is replaced.
// Each worker serves through the app's own HTTP server (scripts/lib/http-server.ts), as `npm start`.
import cluster from "node:cluster";
import { databaseProvider, databaseUrl, redactDatabaseSecrets, redactedDatabaseUrl } from "../lib/db/url";

const port = Number(process.env.PORT || 3000);
const workers = Math.max(1, Number(process.env.OMNI_WORKERS) || 2);

async function primary() {
  if (databaseProvider(databaseUrl()) !== "postgresql") {
    console.error("start:cluster needs PostgreSQL: the embedded SQLite database serves one process (use npm start).");
    process.exit(1);
  }
  const { migrate } = await import("./db-migrate");
  const { ensureFirstAdmin } = await import("./lib/ensure-admin");
  const { authSecret } = await import("../lib/auth/secret");
  const { trustedProxies } = await import("../lib/security/client-address");
  trustedProxies(); // refuse a malformed OMNI_TRUSTED_PROXIES before forking
  await migrate(databaseUrl(), true);
  await ensureFirstAdmin();
  process.env.NEXTAUTH_SECRET = authSecret(); // one signing secret for every worker
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  console.log(`Omni Admin on http://localhost:${port}: ${workers} processes (database: ${redactedDatabaseUrl()})`);
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    console.error(`worker ${w.process.pid} exited (${signal ?? code}); starting a replacement`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function worker() {
  const { serveApp } = await import("./lib/http-server");
  await serveApp({ port });
}

(cluster.isPrimary ? primary() : worker()).catch((e) => {
  console.error("Start failed:", redactDatabaseSecrets(e instanceof Error ? e.message : String(e)));
  process.exit(1);
});
