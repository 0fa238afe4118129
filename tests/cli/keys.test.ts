import { describe, expect, inject, it } from "vitest";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };

type Key = { id: string; name: string; key?: string; scopes: string[]; instanceIds: string[] | null; rateLimit: number | null; expiresAt: string | null; status: string; description: string | null };

describe("omni keys (--json: one JSON document on stdout)", () => {
  it("create → list → get → update → usage → roll → revoke → delete", async () => {
    const inst = await omniJson<{ id: string }>(["instances", "create", "--name", "keys-cli-inst", "--channel", "telegram"], { env });
    const created = await omniJson<Key>(
      ["keys", "create", "--name", "cli made", "--scopes", "routes:read,persons:*", "--instances", inst.id, "--rate-limit", "50", "--expires", "30d", "--description", "from the CLI test"],
      { env },
    );
    expect(created.key).toMatch(/^omni_sk_/);
    expect(created).toMatchObject({ name: "cli made", scopes: ["routes:read", "persons:*"], instanceIds: [inst.id], rateLimit: 50, status: "active", description: "from the CLI test" });
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    // the new key works through the CLI too
    const who = await omniJson<{ principal: { id: string } }>(["auth", "status"], { env: { ...env, OMNI_API_KEY: created.key! } });
    expect(who.principal.id).toBe(created.id);

    const list = await omniJson<{ items: Key[]; nextCursor: string | null }>(["keys", "list", "--status", "active", "--limit", "200"], { env });
    expect(list.items.map((k) => k.id)).toContain(created.id);
    expect(list.items.every((k) => !("key" in k))).toBe(true);
    const all = await omniJson<{ items: Key[]; nextCursor: null }>(["keys", "list", "--all", "--limit", "1"], { env });
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(3);

    const got = await omniJson<Key>(["keys", "get", created.id], { env });
    expect(got).toMatchObject({ id: created.id, name: "cli made" });
    expect(got.key).toBeUndefined();

    const updated = await omniJson<Key>(["keys", "update", created.id, "--name", "cli renamed", "--instances", "", "--expires", "", "--no-rate-limit", "--description", ""], { env });
    expect(updated).toMatchObject({ name: "cli renamed", instanceIds: null, expiresAt: null, rateLimit: null, description: null });

    const usage = await omniJson<{ keyId: string; total: number; hours: unknown[] }>(["keys", "usage", created.id, "--hours", "2"], { env });
    expect(usage.keyId).toBe(created.id);
    expect(usage.hours).toHaveLength(2);

    const rolled = await omniJson<Key & { previous: Key }>(["keys", "roll", created.id, "--reason", "cli test"], { env });
    expect(rolled.key).toMatch(/^omni_sk_/);
    expect(rolled.previous.id).toBe(created.id);

    const revoked = await omniJson<Key>(["keys", "revoke", rolled.id, "--reason", "done"], { env });
    expect(revoked).toMatchObject({ id: rolled.id, status: "revoked" });
    await omniFails(2, ["auth", "status"], { env: { ...env, OMNI_API_KEY: rolled.key! } });
    // revoking twice is a conflict → 1
    await omniFails(1, ["keys", "revoke", rolled.id], { env });

    const del = await omniJson<{ id: string; deleted: boolean }>(["keys", "delete", created.id], { env });
    expect(del).toEqual({ id: created.id, deleted: true });
    await omniFails(5, ["keys", "get", created.id], { env });
  });

  it("refuses bad input locally with the schema's messages (exit 1)", async () => {
    const r = await omniFails(1, ["keys", "create", "--name", "x", "--scopes", "*", "--expires", "next tuesday"], { env });
    expect(r.err.fields).toHaveProperty("--expires");
    const nothing = await omniFails(1, ["keys", "update", keys.admin.id], { env });
    expect(nothing.err.detail).toContain("Nothing to change");
    const missing = await omniFails(1, ["keys", "create", "--name", "x"], { env });
    expect(missing.err.detail).toContain("--scopes");
    await omniFails(1, ["keys", "list", "--status", "sleeping"], { env });
  });

  it("prints tables for people", async () => {
    const r = await omni(["keys", "list"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+PREFIX\s+SCOPES/);
    expect(r.stdout).toContain("cli admin");
    expect(r.stderr).toBe("");
  });
});
