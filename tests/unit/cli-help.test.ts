// `omni --help` and every subcommand's --help, run in-process through the real entry point.
import { describe, expect, it } from "vitest";
import { run } from "@/cli/main";
import { commandName } from "@/cli/program";
import type { Io } from "@/cli/output";

async function omni(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: {} as NodeJS.ProcessEnv, stdinIsTTY: false, readStdin: async () => "" };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

// the contract's command list (../shared/API.md, "CLI omni"), plus this CLI's additions
const COMMANDS: Record<string, string[]> = {
  routes: ["list", "get", "create", "update", "delete", "test", "metrics"],
  persons: ["search", "get", "presence", "update", "merge", "link", "unlink", "create", "activity"],
  auth: ["login", "status", "logout", "recover"],
  audit: ["list", "get", "revert", "export"],
  keys: ["create", "list", "get", "update", "revoke", "delete", "roll", "usage"],
  instances: ["list", "get", "create"],
  agents: ["list", "get", "create"],
  chats: ["list", "get", "create"],
};

const ROUTE_FLAGS = [
  "--instance", "--scope", "--chat", "--person", "--agent", "--timeout", "--stream", "--no-stream", "--prefix-sender",
  "--no-prefix-sender", "--wait-media", "--no-wait-media", "--send-media-path", "--no-send-media-path", "--gate", "--no-gate",
  "--gate-model", "--gate-prompt", "--reply-filter-mode", "--label", "--priority", "--inactive", "--active",
];

describe("omni --help", () => {
  it("lists every command, the global options, exit codes and examples", async () => {
    const r = await omni(["--help"]);
    expect(r.code).toBe(0);
    for (const c of Object.keys(COMMANDS)) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, "m"));
    for (const g of ["--json", "--verbose", "--api-url", "--api-key", "--profile", "--retries"]) expect(r.stdout).toContain(g);
    expect(r.stdout).toContain("Exit codes: 0 ok");
    expect(r.stdout).toContain("Examples:");
  });

  it("in --json mode prints the help as one JSON document", async () => {
    const r = await omni(["--json", "--help"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).help).toContain("Usage: omni");
    const v = await omni(["--json", "--version"]);
    expect(JSON.parse(v.stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  for (const [cmd, subs] of Object.entries(COMMANDS)) {
    it(`${cmd}: every subcommand has a description, its options and examples`, async () => {
      const top = await omni([cmd, "--help"]);
      expect(top.code).toBe(0);
      for (const s of subs) expect(top.stdout).toMatch(new RegExp(`^  ${s}\\b.*\\S`, "m"));
      for (const s of subs) {
        const r = await omni([cmd, s, "--help"]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: omni ${cmd} ${s}`));
        expect(r.stdout.split("\n")[2].trim().length).toBeGreaterThan(10); // the description line
        expect(r.stdout).toContain("Global Options:");
        expect(r.stdout).toContain("Examples:");
      }
    });
  }

  it("routes create and update offer every flag of the contract", async () => {
    for (const sub of ["create", "update"]) {
      const r = await omni(["routes", sub, "--help"]);
      for (const f of ROUTE_FLAGS) expect(r.stdout, `${sub} ${f}`).toMatch(new RegExp(`\\s${f}[\\s,]`));
    }
    const list = await omni(["routes", "list", "--help"]);
    for (const f of ["--instance", "--scope", "--active", "--inactive", "--agent", "--limit"]) expect(list.stdout).toContain(f);
    const keys = await omni(["keys", "create", "--help"]);
    for (const f of ["--name", "--scopes", "--instances", "--description", "--rate-limit", "--expires"]) expect(keys.stdout).toContain(f);
    expect((await omni(["keys", "list", "--help"])).stdout).toContain("--status");
    expect((await omni(["keys", "revoke", "--help"])).stdout).toContain("--reason");
    expect((await omni(["auth", "recover", "--help"])).stdout).toContain("--rotate");
  });

  it("finds the command named in argv past the global options", () => {
    expect(commandName(["--json", "--api-url", "http://x", "routes", "list"])).toBe("routes");
    expect(commandName(["--profile", "routes", "keys", "list"])).toBe("keys");
    expect(commandName(["help", "persons"])).toBe("persons");
    expect(commandName(["--json"])).toBeUndefined();
    expect(commandName(["--api-url=http://x", "auth", "status"])).toBe("auth");
  });
});
