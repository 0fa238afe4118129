// Starts the app as several processes (scripts/start-cluster.ts) on a scratch PostgreSQL
// database, for the load, concurrency and crash tests. Needs a production build.
import { spawn, type ChildProcess } from "node:child_process";
import { dropDatabase } from "../../scripts/lib/pg-admin";
import { tsxArgs } from "../../scripts/lib/tsx";

export const pgServer = (process.env.OMNI_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");

export type Cluster = { url: string; databaseUrl: string; proc: ChildProcess; stop(): Promise<void> };

export async function waitHealthy(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server at ${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startCluster(opts: { name: string; port: number; workers?: number; env?: Record<string, string>; keepDatabase?: boolean }): Promise<Cluster> {
  const databaseUrl = `${pgServer}/${opts.name}`;
  if (!opts.keepDatabase) await dropDatabase(databaseUrl);
  const { migrate } = await import("../../scripts/db-migrate");
  await migrate(databaseUrl, true);
  const url = `http://localhost:${opts.port}`;
  const proc = spawn(process.execPath, tsxArgs("scripts/start-cluster.ts"), {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(opts.port),
      OMNI_WORKERS: String(opts.workers ?? 2),
      OMNI_LOG: "silent",
      OMNI_ADMIN_PASSWORD: "load-Passw0rd!",
      OMNI_DATA_DIR: ".tmp/cluster",
      // one checkpoint file per database: a checkpoint of another run's chain would read as a removed tail
      OMNI_AUDIT_CHECKPOINT_FILE: `.tmp/cluster/${opts.name}-checkpoints.ndjson`,
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitHealthy(url);
  return {
    url,
    databaseUrl,
    proc,
    async stop() {
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 500));
      await dropDatabase(databaseUrl).catch(() => {});
    },
  };
}
