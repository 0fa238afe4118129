// `npm run admin -- create-key …` (scripts/admin.ts) against the CLI tests' database.
import { execFileSync } from "node:child_process";
import { tsxArgs } from "../../../scripts/lib/tsx";

export function adminCreateKey(databaseUrl: string, name: string, scopes: string, extra: string[] = []): { id: string; key: string } {
  const out = execFileSync(process.execPath, tsxArgs("scripts/admin.ts", "create-key", "--name", name, "--scopes", scopes, "--json", ...extra), {
    env: { ...process.env, DATABASE_URL: databaseUrl, OMNI_LOG: "silent" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}
