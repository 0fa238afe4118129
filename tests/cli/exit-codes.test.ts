import { describe, expect, inject, it } from "vitest";
import { adminCreateKey } from "./support/admin";
import { flakyServer } from "./support/flaky-server";
import { omni, omniFails } from "./support/run";

const { apiUrl, keys, databaseUrl } = inject("cli");
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("omni exit codes, each provoked for real", () => {
  it("1: an unknown option — JSON error on stderr in --json mode, commander's message without", async () => {
    const r = await omniFails(1, ["instances", "list", "--bogus"], { env: { OMNI_API_KEY: keys.admin.key } });
    expect(r.err).toEqual({ error: "USAGE_ERROR", detail: "unknown option '--bogus'" });
    const human = await omni(["instances", "list", "--bogus"]);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe("");
    expect(human.stderr).toContain("unknown option '--bogus'");
  });

  it("1: an unknown command, a missing argument, a bad number, no subcommand", async () => {
    expect((await omniFails(1, ["instancez"])).err.detail).toContain("unknown command");
    expect((await omniFails(1, ["instances", "get"])).err.detail).toContain("missing required argument");
    expect((await omniFails(1, ["instances", "list", "--limit", "ten"])).err.detail).toContain("whole number");
    await omniFails(1, ["keys"]);
    expect((await omni([])).code).toBe(1);
  });

  it("1: input the shared schema refuses, with the field messages, before anything is sent", async () => {
    const r = await omniFails(1, ["--api-url", "http://127.0.0.1:9", "keys", "create", "--name", "x", "--scopes", "routes:read,bogus:scope", "--rate-limit", "0"], {
      env: { OMNI_API_KEY: keys.admin.key },
    });
    expect(r.err.error).toBe("VALIDATION_ERROR");
    expect(Object.keys(r.err.fields!).sort()).toEqual(["--rate-limit", "--scopes.1"]);
  });

  it("1: a request the server refuses (409 conflict: duplicate instance name)", async () => {
    const env = { OMNI_API_KEY: keys.admin.key };
    const args = ["--api-url", apiUrl, "instances", "create", "--name", "cli-dup", "--channel", "sms"];
    expect((await omni(["--json", ...args], { env })).code).toBe(0);
    const r = await omniFails(1, args, { env });
    expect(r.err).toMatchObject({ error: "CONFLICT", status: 409 });
  });

  it("2: an unknown key (401) and a key without the scope (403)", async () => {
    const bad = await omniFails(2, ["--api-url", apiUrl, "instances", "list"], { env: { OMNI_API_KEY: "omni_sk_" + "A".repeat(43) } });
    expect(bad.err).toMatchObject({ error: "UNAUTHENTICATED", status: 401 });
    const forbidden = await omniFails(2, ["--api-url", apiUrl, "instances", "list"], { env: { OMNI_API_KEY: keys.routesReader.key } });
    expect(forbidden.err).toMatchObject({ error: "FORBIDDEN", status: 403 });
  });

  it("3: a stopped server, after 4 attempts with backoff", async () => {
    const s = await flakyServer([]);
    await s.close(); // stopped: the port now refuses connections
    const r = await omniFails(3, ["--verbose", "--api-url", s.url, "instances", "list"], { env: { OMNI_API_KEY: keys.admin.key } });
    expect(r.err.error).toBe("UNREACHABLE");
    expect(r.err.detail).toContain("gave up after 4 attempts");
    // --verbose logged each attempt on stderr, before the JSON error line
    expect(r.stderr.match(/ECONNREFUSED \(attempt \d\)/g)).toHaveLength(4);
    expect(r.ms).toBeGreaterThanOrEqual(1750); // at least 250 + 500 + 1000 ms of backoff
  }, 30_000);

  it("4: a rate-limited key (admin create-key --rate-limit 1)", async () => {
    const limited = adminCreateKey(databaseUrl, "cli rate limited", "*", ["--rate-limit", "1"]);
    const env = { OMNI_API_KEY: limited.key };
    expect((await omni(["--json", "--api-url", apiUrl, "instances", "list"], { env })).code).toBe(0);
    const r = await omniFails(4, ["--retries", "0", "--api-url", apiUrl, "instances", "list"], { env });
    expect(r.err).toMatchObject({ error: "RATE_LIMITED", status: 429 });
  });

  it("5: an unknown id", async () => {
    const r = await omniFails(5, ["--api-url", apiUrl, "instances", "get", UNKNOWN_ID], { env: { OMNI_API_KEY: keys.admin.key } });
    expect(r.err).toMatchObject({ error: "NOT_FOUND", status: 404 });
  });
});
