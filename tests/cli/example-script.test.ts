// The "done when" of the CLI: docs/cli-example.sh — only `omni --json` and jq, branching on exit
// codes — creates a route, tests it, merges two persons and revokes a key against a real server.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { tempConfigDir } from "./support/run";

const { apiUrl, keys } = inject("cli");
const hasJq = (() => {
  try {
    execFileSync("jq", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasJq) console.warn("jq is not installed: skipping the docs/cli-example.sh test (apt-get install jq).");

function bash(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [script], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("docs/cli-example.sh", () => {
  it.skipIf(!hasJq)("creates a route, tests it, merges two persons and revokes a key with omni --json and jq", async () => {
    const r = await bash(path.resolve("docs/cli-example.sh"), {
      OMNI: `${process.execPath} ${path.resolve("bin/omni.mjs")}`,
      OMNI_API_URL: apiUrl,
      OMNI_API_KEY: keys.admin.key,
      OMNI_CONFIG_DIR: tempConfigDir(),
    });
    if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    expect(r.stdout).toContain("signed in as cli admin");
    expect(r.stdout).toMatch(/route test: .+ answers the chat/);
    expect(r.stdout).toMatch(/merged: 1 identity moved/);
    expect(r.stdout).toMatch(/key .+ revoked and refused/);
    expect(r.stdout).toMatch(/^done: route [0-9a-f-]{36}, person [0-9a-f-]{36}, key [0-9a-f-]{36}$/m);
  }, 120_000);

  it.skipIf(!hasJq)("stops with a clear message when the key is refused (exit 2 branch)", async () => {
    const r = await bash(path.resolve("docs/cli-example.sh"), {
      OMNI: `${process.execPath} ${path.resolve("bin/omni.mjs")}`,
      OMNI_API_URL: apiUrl,
      OMNI_API_KEY: "omni_sk_" + "Z".repeat(43),
      OMNI_CONFIG_DIR: tempConfigDir(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the API key was refused");
  });
});
