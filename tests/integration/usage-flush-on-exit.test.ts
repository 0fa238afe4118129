// Buffered key usage is written when the serving process is told to stop (SIGTERM / SIGINT),
// before it exits: a real child process records usage, gets the signal, and the rows show it.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createApiKey } from "@/lib/keys/create-key";

const root = path.resolve(__dirname, "../..");

async function runChild(keyId: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/node/server-only-noop.mjs", "tests/support/usage-flush-child.ts", keyId],
    { cwd: root, env: { ...process.env, OMNI_USAGE_FLUSH_MS: "3600000", OMNI_LOG: "silent" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr.on("data", (d) => (err += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    child.on("exit", () => reject(new Error(`child exited early: ${err}`)));
  });
  child.kill(signal);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("key usage on shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`is written before the process exits on ${signal}`, async () => {
      const k = await createApiKey(systemPrincipal("usage-flush"), { name: `flush-${signal}`, scopes: ["routes:read"] });
      expect(await runChild(k.id, signal)).toBe(0);
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: k.id } });
      expect(row).toMatchObject({ usageCount: 2, lastUsedIp: "10.0.0.9" });
      expect(row.lastUsedAt).not.toBeNull();
      expect((await prisma.apiKeyUsage.findMany({ where: { keyId: k.id } })).reduce((n, u) => n + u.count, 0)).toBe(2);
    }, 60_000);
  }
});
