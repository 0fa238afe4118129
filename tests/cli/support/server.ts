// Global setup of the CLI tests: a fresh database, API keys from the admin command, and the
// production build served on CLI_PORT (default: the first free of 3140..3149) through the app's own
// HTTP server, as `npm start` does (scripts/serve.ts) on a SQLite file, or with
// CLI_DATABASE_URL=postgresql://…/<scratch db> two app processes (scripts/start-cluster.ts) on that
// PostgreSQL database. Needs `npm run build` first.
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import type { TestProject } from "vitest/node";
import { migrate } from "../../../scripts/db-migrate";
import { dropDatabase } from "../../../scripts/lib/pg-admin";
import { adminCreateKey } from "./admin";
import { tsxArgs } from "../../../scripts/lib/tsx";


declare module "vitest" {
  export interface ProvidedContext {
    cli: { apiUrl: string; databaseUrl: string; dataDir: string; keys: Record<string, { id: string; key: string }> };
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server at ${url} did not become healthy in ${timeoutMs / 1000}s.`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** CLI_PORT if given (it must be free), else the first free port of 3140..3149. */
async function pickPort(): Promise<string> {
  if (process.env.CLI_PORT) {
    if (!(await portIsFree(Number(process.env.CLI_PORT)))) throw new Error(`CLI_PORT ${process.env.CLI_PORT} is in use.`);
    return process.env.CLI_PORT;
  }
  for (let p = 3140; p <= 3149; p++) if (await portIsFree(p)) return String(p);
  throw new Error("No free port in 3140..3149 for the CLI tests' server: set CLI_PORT.");
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("The CLI tests need a production build: run `npm run build` first.");
  const port = await pickPort();
  const dataDir = path.resolve(`.tmp/cli-${port}`);
  const databaseUrl = process.env.CLI_DATABASE_URL || `file:${path.join(dataDir, "omni.db")}`;
  const onPostgres = databaseUrl.startsWith("postgres");
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  if (onPostgres) await dropDatabase(databaseUrl);
  await migrate(databaseUrl, true);
  const keys = {
    admin: adminCreateKey(databaseUrl, "cli admin", "*"),
    routesReader: adminCreateKey(databaseUrl, "cli routes reader", "routes:read"),
  };
  const apiUrl = `http://127.0.0.1:${port}`;
  const command = onPostgres
    ? tsxArgs("scripts/start-cluster.ts")
    : [...tsxArgs("scripts/serve.ts"), "--port", port, "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, command, {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group: the cluster's workers stop with it
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      OMNI_WORKERS: "2",
      NEXTAUTH_SECRET: "cli-tests-secret-cli-tests-secret-0123456789",
      NEXTAUTH_URL: apiUrl,
      OMNI_DATA_DIR: dataDir,
      OMNI_LOG: "silent",
      OMNI_WEBHOOK_ALLOW_PRIVATE: "1", // the webhooks test's receiver listens on loopback
      OMNI_WEBHOOK_POLL_MS: "200",
      PORT: port,
    },
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  try {
    await waitForHealth(apiUrl, child);
  } catch (e) {
    stop();
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  project.provide("cli", { apiUrl, databaseUrl, dataDir, keys });
  return async () => {
    const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    stop();
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (onPostgres) await dropDatabase(databaseUrl);
  };
}
