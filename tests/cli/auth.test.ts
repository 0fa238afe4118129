import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { migrate } from "../../scripts/db-migrate";
import { omni, omniFails, omniJson, tempConfigDir } from "./support/run";

const { apiUrl, keys, databaseUrl, dataDir } = inject("cli");

describe("omni auth", () => {
  it("login → status → logout round trip with a named profile; the config file is mode 0600", async () => {
    const dir = tempConfigDir();
    const env = { OMNI_CONFIG_DIR: dir };
    const login = await omniJson<{ profile: string; apiUrl: string; configFile: string; principal: { name: string; scopes: string[] } }>(
      ["--profile", "ci", "--api-url", apiUrl, "auth", "login"],
      { env, input: `${keys.admin.key}\n` },
    );
    expect(login).toMatchObject({ profile: "ci", apiUrl, principal: { name: "cli admin", scopes: ["*"] } });
    const file = path.join(dir, "config.json");
    expect(login.configFile).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o077).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).profiles.ci).toMatchObject({ apiUrl, apiKey: keys.admin.key });

    // the profile carries URL and key: no flags needed
    const status = await omniJson<{ profile: string; keySource: string; principal: { id: string }; server: { name: string } }>(
      ["--profile", "ci", "auth", "status"],
      { env },
    );
    expect(status).toMatchObject({ profile: "ci", keySource: "profile", principal: { id: keys.admin.id } });
    expect(status.server.name).toBeTruthy();

    // another profile is not signed in
    const other = await omniFails(2, ["--profile", "other", "auth", "status"], { env });
    expect(other.err.error).toBe("UNAUTHENTICATED");

    const human = await omni(["--profile", "ci", "auth", "status"], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("cli admin");

    const logout = await omniJson<{ removed: boolean }>(["--profile", "ci", "auth", "logout"], { env });
    expect(logout.removed).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    await omniFails(2, ["--profile", "ci", "auth", "status"], { env });
    expect((await omniJson<{ removed: boolean }>(["--profile", "ci", "auth", "logout"], { env })).removed).toBe(false);
  });

  it("login refuses a key the server does not know (exit 2) and saves nothing", async () => {
    const dir = tempConfigDir();
    const r = await omniFails(2, ["--api-url", apiUrl, "auth", "login", "--api-key", "omni_sk_" + "x".repeat(43)], { env: { OMNI_CONFIG_DIR: dir } });
    expect(r.err.error).toBe("UNAUTHENTICATED");
    expect(fs.existsSync(path.join(dir, "config.json"))).toBe(false);
  });

  it("a malformed OMNI_API_KEY fails fast with exit 1, before any request", async () => {
    const r = await omniFails(1, ["--api-url", "http://127.0.0.1:9", "auth", "status"], { env: { OMNI_API_KEY: "sk_live_nope" } });
    expect(r.err.detail).toContain("OMNI_API_KEY");
    expect(r.ms).toBeLessThan(5_000);
  });

  it("OMNI_API_KEY wins over the profile", async () => {
    const dir = tempConfigDir();
    await omniJson(["--api-url", apiUrl, "auth", "login", "--api-key", keys.admin.key], { env: { OMNI_CONFIG_DIR: dir } });
    const s = await omniJson<{ keySource: string; principal: { id: string } }>(["auth", "status"], { env: { OMNI_CONFIG_DIR: dir, OMNI_API_KEY: keys.routesReader.key } });
    expect(s).toMatchObject({ keySource: "OMNI_API_KEY", principal: { id: keys.routesReader.id } });
  });

  it("recover issues a working admin key from the database; again needs --rotate, which revokes the old one", async () => {
    const env = { DATABASE_URL: databaseUrl, OMNI_DATA_DIR: dataDir };
    const first = await omniJson<{ id: string; key: string; scopes: string[]; revokedKeyIds: string[] }>(["auth", "recover"], { env });
    expect(first.key).toMatch(/^omni_sk_/);
    expect(first.scopes).toEqual(["*"]);
    expect(first.revokedKeyIds).toEqual([]);
    const who = await omniJson<{ principal: { id: string } }>(["--api-url", apiUrl, "auth", "status"], { env: { OMNI_API_KEY: first.key } });
    expect(who.principal.id).toBe(first.id);

    const again = await omniFails(1, ["auth", "recover"], { env });
    expect(again.err.detail).toContain("--rotate");

    const rotated = await omniJson<{ id: string; key: string; revokedKeyIds: string[] }>(["auth", "recover", "--rotate"], { env });
    expect(rotated.id).not.toBe(first.id);
    expect(rotated.revokedKeyIds).toEqual([first.id]);
    const who2 = await omniJson<{ principal: { id: string } }>(["--api-url", apiUrl, "auth", "status"], { env: { OMNI_API_KEY: rotated.key } });
    expect(who2.principal.id).toBe(rotated.id);
    if (databaseUrl.startsWith("postgres")) {
      // the servers learn of the revocation from the database (LISTEN/NOTIFY), not after a cache lifetime
      const old = await omniFails(2, ["--api-url", apiUrl, "auth", "status"], { env: { OMNI_API_KEY: first.key } });
      expect(old.err.error).toBe("UNAUTHENTICATED");
    }
  });

  it("recover without a database says so (exit 3)", async () => {
    const r = await omniFails(3, ["auth", "recover"], { env: { DATABASE_URL: "file:/nonexistent/omni.db" } });
    expect(r.err.error).toBe("DATABASE_UNAVAILABLE");
  });
});

const pgServer = (process.env.OMNI_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");
async function pgQuery(sql: string): Promise<boolean> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: `${pgServer}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(sql);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
const pgUp = await pgQuery("SELECT 1");

describe("omni auth recover on PostgreSQL", () => {
  it.skipIf(!pgUp)("issues, refuses without --rotate, rotates", async () => {
    const db = `omni_cli_recover_${process.pid}`;
    const url = `${pgServer}/${db}`;
    await migrate(url, true);
    try {
      const first = await omniJson<{ id: string; key: string }>(["auth", "recover"], { env: { DATABASE_URL: url } });
      expect(first.key).toMatch(/^omni_sk_/);
      await omniFails(1, ["auth", "recover"], { env: { DATABASE_URL: url } });
      const rotated = await omniJson<{ revokedKeyIds: string[] }>(["auth", "recover", "--rotate"], { env: { DATABASE_URL: url } });
      expect(rotated.revokedKeyIds).toEqual([first.id]);
    } finally {
      await pgQuery(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    }
  });
});
