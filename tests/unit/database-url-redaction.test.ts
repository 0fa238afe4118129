// The database password never reaches a terminal or a log: every URL printed is masked
// (lib/db/url.ts), and `omni auth recover` — which opens DATABASE_URL itself — prints none.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { redactDatabaseSecrets, redactedDatabaseUrl } from "@/lib/db/url";

const run = promisify(execFile);
const PASSWORD = "Tr0ub4dor&3-secret";
const ENCODED = encodeURIComponent(PASSWORD);

describe("redactedDatabaseUrl", () => {
  it("masks the password in the user-info and in secret parameters, keeping the rest", () => {
    expect(redactedDatabaseUrl(`postgresql://omni:${ENCODED}@db.internal:5432/omni`)).toBe("postgresql://omni:***@db.internal:5432/omni");
    expect(redactedDatabaseUrl(`postgres://omni:${ENCODED}@db/omni?sslmode=require&password=${ENCODED}`)).toBe(
      "postgres://omni:***@db/omni?sslmode=require&password=***",
    );
    expect(redactedDatabaseUrl(`postgresql://omni@db/omni?sslpassword=${ENCODED}`)).toBe("postgresql://omni@db/omni?sslpassword=***");
    expect(redactedDatabaseUrl("postgresql://postgres@127.0.0.1:5432/omni")).toBe("postgresql://postgres@127.0.0.1:5432/omni");
    expect(redactedDatabaseUrl("file:./data/omni.db")).toBe("file:./data/omni.db");
  });

  it("never echoes an unparseable URL", () => {
    expect(redactedDatabaseUrl(`postgresql://omni:${PASSWORD}@[bad/omni`)).not.toContain(PASSWORD);
  });
});

describe("redactDatabaseSecrets", () => {
  const url = `postgresql://omni:${ENCODED}@db.internal:5432/omni`;

  it("masks the URL and its password, raw or decoded, anywhere in a message", () => {
    const text = `connect to ${url} failed; password "${PASSWORD}" rejected (${ENCODED})`;
    const out = redactDatabaseSecrets(text, url);
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(ENCODED);
    expect(out).toBe('connect to postgresql://omni:***@db.internal:5432/omni failed; password "***" rejected (***)');
  });

  it("leaves messages about a SQLite file alone", () => {
    expect(redactDatabaseSecrets("No database at ./data/omni.db", "file:./data/omni.db")).toBe("No database at ./data/omni.db");
  });
});

describe("omni auth recover", () => {
  it("prints no password when the database cannot be reached (human and --json output, --verbose)", async () => {
    const bin = path.resolve("bin/omni.mjs");
    // 3409: a port in this worktree's range on which nothing listens
    const env = { ...process.env, DATABASE_URL: `postgresql://omni:${ENCODED}@127.0.0.1:3409/omni?sslpassword=${ENCODED}`, OMNI_LOG: "silent" };
    for (const args of [["--verbose", "auth", "recover"], ["--json", "--verbose", "auth", "recover"]]) {
      const r = await run(process.execPath, [bin, ...args], { env, cwd: path.resolve(".") }).then(
        () => expect.fail("recover should fail without a database"),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(r.code).toBe(3);
      const output = `${r.stdout}\n${r.stderr}`;
      expect(output).toContain("Cannot use the database (postgresql://omni:***@127.0.0.1:3409/omni?sslpassword=***)");
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain(ENCODED);
    }
  }, 60_000);
});
