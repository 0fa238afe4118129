import { execFileSync } from "node:child_process";
import { tsxArgs } from "../../scripts/lib/tsx";

/** Runs `npm run admin -- …` (scripts/admin.ts) against the e2e database. */
export function adminCli(args: string[]): string {
  return execFileSync(process.execPath, tsxArgs("scripts/admin.ts", ...args), {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, OMNI_LOG: "silent" },
    encoding: "utf8",
  });
}

export function createKey(name: string, scopes: string, extra: string[] = []): { id: string; key: string } {
  const out = adminCli(["create-key", "--name", name, "--scopes", scopes, "--json", ...extra]);
  return JSON.parse(out.trim().split("\n").pop()!);
}
