// Runs the real `omni` bin (bin/omni.mjs) in a child process and collects what it printed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";

export type CliResult = { code: number; stdout: string; stderr: string; ms: number };

const BIN = path.resolve("bin/omni.mjs");

/** A fresh, empty config folder (so no test sees another's profiles). */
export function tempConfigDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "omni-cli-test-"));
}

export function omni(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, OMNI_API_KEY: undefined, OMNI_API_URL: undefined, OMNI_PROFILE: undefined, ...opts.env };
  env.OMNI_CONFIG_DIR ??= tempConfigDir();
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(opts.input ?? "");
  });
}

/** `omni --json …` that must succeed: stdout is exactly one JSON document, returned parsed. */
export async function omniJson<T = Record<string, unknown>>(args: string[], opts: Parameters<typeof omni>[1] = {}): Promise<T> {
  const r = await omni(["--json", ...args], opts);
  if (r.code !== 0) throw new Error(`omni ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return parseOneJson(r.stdout) as T;
}

/** Parses stdout as exactly one JSON document (JSON.parse refuses anything around it). */
export function parseOneJson(text: string): unknown {
  expect(text.trim().length).toBeGreaterThan(0);
  return JSON.parse(text);
}

/** `omni --json …` that must fail with `code`: stdout empty, stderr one JSON error document. */
export async function omniFails(code: number, args: string[], opts: Parameters<typeof omni>[1] = {}) {
  const r = await omni(["--json", ...args], opts);
  if (r.code !== code) throw new Error(`expected exit ${code}, got ${r.code} for omni ${args.join(" ")}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  expect(r.stdout).toBe("");
  // stderr: the JSON error as its last line; nothing else unless --verbose logged requests
  const lines = r.stderr.trim().split("\n");
  if (!args.includes("--verbose")) expect(lines).toHaveLength(1);
  const err = JSON.parse(lines[lines.length - 1]) as { error: string; detail: string; fields?: Record<string, string[]>; status?: number };
  expect(typeof err.error).toBe("string");
  expect(typeof err.detail).toBe("string");
  return { ...r, err };
}
