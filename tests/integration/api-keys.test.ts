import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { verifyApiKey } from "@/lib/auth/key-verifier";
import { hashApiKey } from "@/lib/keys/rules/key-format";
import { createInstance } from "@/lib/catalog/instances";
import { createApiKey } from "@/lib/keys/create-key";
import { getApiKey, listApiKeys } from "@/lib/keys/list-keys";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { rollApiKey } from "@/lib/keys/roll-key";
import { updateApiKey } from "@/lib/keys/update-key";
import { keyUsageSeries } from "@/lib/keys/usage-series";
import { flushKeyUsage, recordKeyUse } from "@/lib/keys/usage-buffer";
import { AppError } from "@/lib/errors";

const admin: Principal = { ...systemPrincipal("keys-test"), type: "session", id: "admin-user", name: "admin@example.com" };
const uniq = () => Math.random().toString(36).slice(2, 8);
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  throw new Error("expected a rejection");
}
const auditOf = (id: string) => prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } });

describe("API key service", () => {
  it("creates a key storing only hash and prefix, audited without the secret", async () => {
    const k = await createApiKey(admin, { name: `ci-${uniq()}`, description: "deploys", scopes: ["routes:read"], rateLimit: 60 });
    expect(k.key).toMatch(/^omni_sk_[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(0, 16));
    expect(k).toMatchObject({ status: "active", rateLimit: 60, createdBy: "admin@example.com", instanceIds: null, usageCount: 0 });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: k.id } });
    expect(row.keyHash).toBe(hashApiKey(k.key));
    expect(JSON.stringify(row)).not.toContain(k.key);
    const [ev] = await auditOf(k.id);
    expect(ev.action).toBe("key.create");
    expect(JSON.stringify(ev)).not.toContain(k.key);
    expect(JSON.stringify(ev)).not.toContain(row.keyHash);
  });

  it("refuses scopes beyond the caller's (403 naming them), unknown instances and past expiry (400)", async () => {
    const limited: Principal = { type: "apiKey", id: "l", name: "l", scopes: ["keys:write", "routes:read"], instanceIds: null };
    const err = await createApiKey(limited, { name: "x", scopes: ["routes:read", "persons:write"] }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("FORBIDDEN");
    expect((err as AppError).details?.missingScopes).toEqual(["persons:write"]);
    expect(await codeOf(createApiKey(limited, { name: "x", scopes: ["routes:*"] }))).toBe("FORBIDDEN");
    expect(await codeOf(createApiKey(admin, { name: "x", scopes: ["*"], instanceIds: [crypto.randomUUID()] }))).toBe("VALIDATION_ERROR");
    expect(await codeOf(createApiKey(admin, { name: "x", scopes: ["*"], expiresAt: inFuture(-1000) }))).toBe("VALIDATION_ERROR");
    const restricted: Principal = { type: "apiKey", id: "r", name: "r", scopes: ["*"], instanceIds: [crypto.randomUUID()] };
    expect(await codeOf(createApiKey(restricted, { name: "x", scopes: ["routes:read"] }))).toBe("FORBIDDEN");
    const reader: Principal = { type: "apiKey", id: "rd", name: "rd", scopes: ["keys:read"], instanceIds: null };
    expect(await codeOf(createApiKey(reader, { name: "x", scopes: ["keys:read"] }))).toBe("FORBIDDEN");
  });

  it("lists by computed status with cursor pagination", async () => {
    const tag = uniq();
    const active = await createApiKey(admin, { name: `list-${tag}-a`, scopes: ["*"] });
    const expired = await createApiKey(admin, { name: `list-${tag}-e`, scopes: ["*"], expiresAt: inFuture(60_000) });
    await prisma.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await createApiKey(admin, { name: `list-${tag}-r`, scopes: ["*"] });
    await revokeApiKey(admin, revoked.id, { reason: "leaked" });
    const ids = async (status?: "active" | "revoked" | "expired") => {
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listApiKeys(admin, { limit: 2, cursor, status });
        all.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    };
    const act = await ids("active");
    expect(act).toContain(active.id);
    expect(act).not.toContain(expired.id);
    expect(act).not.toContain(revoked.id);
    expect(await ids("expired")).toContain(expired.id);
    expect(await ids("expired")).not.toContain(active.id);
    expect(await ids("revoked")).toEqual(expect.arrayContaining([revoked.id]));
    expect(await ids("revoked")).not.toContain(active.id);
    const everything = await ids();
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything).toEqual(expect.arrayContaining([active.id, expired.id, revoked.id]));
    expect((await getApiKey(admin, expired.id)).status).toBe("expired");
  });

  it("updates take effect at once: instances [] / null unrestrict, expiresAt null clears", async () => {
    const a = await createInstance(admin, { name: `ka-${uniq()}`, channel: "slack" });
    const k = await createApiKey(admin, { name: "upd", scopes: ["routes:read"], instanceIds: [a.id], expiresAt: inFuture(3600_000) });
    expect((await verifyApiKey(k.key)).instanceIds).toEqual([a.id]); // now cached
    const u = await updateApiKey(admin, k.id, { scopes: ["routes:*", "persons:read"], instanceIds: [], expiresAt: null, rateLimit: 5 });
    expect(u).toMatchObject({ scopes: ["routes:*", "persons:read"], instanceIds: null, expiresAt: null, rateLimit: 5 });
    expect(await verifyApiKey(k.key)).toMatchObject({ scopes: ["routes:*", "persons:read"], instanceIds: null, rateLimit: 5 });
    await updateApiKey(admin, k.id, { instanceIds: [a.id] });
    expect((await verifyApiKey(k.key)).instanceIds).toEqual([a.id]);
    await updateApiKey(admin, k.id, { instanceIds: null, description: "now global" });
    expect((await getApiKey(admin, k.id)).instanceIds).toBeNull();
    const events = await auditOf(k.id);
    expect(events.map((e) => e.action)).toEqual(["key.create", "key.update", "key.update", "key.update"]);
    expect((events[1].before as { instanceIds: string[] }).instanceIds).toEqual([a.id]);
    expect((events[1].after as { instanceIds: null }).instanceIds).toBeNull();

    const limited: Principal = { type: "apiKey", id: "l2", name: "l2", scopes: ["keys:*", "routes:read"], instanceIds: null };
    expect(await codeOf(updateApiKey(limited, k.id, { name: "mine now" }))).toBe("FORBIDDEN"); // key has persons:read
    expect(await codeOf(updateApiKey(admin, k.id, { expiresAt: inFuture(-5000) }))).toBe("VALIDATION_ERROR");
    expect(await codeOf(updateApiKey(admin, crypto.randomUUID(), { name: "x" }))).toBe("NOT_FOUND");
  });

  it("revokes with who/when/why; the key fails at once with a 401 saying revoked", async () => {
    const k = await createApiKey(admin, { name: "rev", scopes: ["*"] });
    await verifyApiKey(k.key);
    const r = await revokeApiKey(admin, k.id, { reason: "laptop stolen" });
    expect(r).toMatchObject({ status: "revoked", revokedBy: "admin@example.com", revokeReason: "laptop stolen" });
    expect(r.revokedAt).toBeInstanceOf(Date);
    const err = await verifyApiKey(k.key).catch((e: AppError) => e);
    expect((err as AppError).code).toBe("UNAUTHENTICATED");
    expect((err as AppError).message).toMatch(/revoked/i);
    expect(await codeOf(revokeApiKey(admin, k.id, {}))).toBe("CONFLICT");
    const ev = (await auditOf(k.id)).find((e) => e.action === "key.revoke")!;
    expect(ev.reason).toBe("laptop stolen");
    expect(ev.actorLabel).toBe("admin@example.com");
  });

  it("rolls: the replacement keeps the settings, the old key stops at once or after the grace period", async () => {
    const a = await createInstance(admin, { name: `kr-${uniq()}`, channel: "sms" });
    const old = await createApiKey(admin, { name: "roll", description: "d", scopes: ["routes:read"], instanceIds: [a.id], rateLimit: 42, expiresAt: inFuture(86_400_000) });
    await verifyApiKey(old.key);
    const next = await rollApiKey(admin, old.id, { gracePeriodSeconds: 0 });
    expect(next.key).not.toBe(old.key);
    expect(next).toMatchObject({ name: "roll", description: "d", scopes: ["routes:read"], instanceIds: [a.id], rateLimit: 42, rolledFromId: old.id, status: "active" });
    expect(next.expiresAt?.toISOString()).toBe(old.expiresAt!.toISOString());
    expect(next.previous.status).toBe("revoked");
    await expect(verifyApiKey(old.key)).rejects.toThrow(/revoked/i);
    expect((await verifyApiKey(next.key)).id).toBe(next.id);
    const ev = (await auditOf(old.id)).find((e) => e.action === "key.roll")!;
    expect(JSON.stringify(ev)).not.toContain(next.key);
    expect(await codeOf(rollApiKey(admin, old.id, { gracePeriodSeconds: 0 }))).toBe("CONFLICT");

    // grace period: the old key works until it ends, and is listed as active meanwhile
    const g = await createApiKey(admin, { name: "graceful", scopes: ["*"] });
    const gNext = await rollApiKey(admin, g.id, { gracePeriodSeconds: 60 });
    expect((await verifyApiKey(g.key)).id).toBe(g.id);
    expect((await getApiKey(admin, g.id)).status).toBe("active");
    expect((await listApiKeys(admin, { limit: 200, status: "active" })).items.map((i) => i.id)).toEqual(expect.arrayContaining([g.id, gNext.id]));
    await prisma.apiKey.update({ where: { id: g.id }, data: { revokedAt: new Date(Date.now() - 1) } });
    expect((await getApiKey(admin, g.id)).status).toBe("revoked");
    // an explicit revoke during the grace period ends it now
    const h = await createApiKey(admin, { name: "grace-cut", scopes: ["*"] });
    await rollApiKey(admin, h.id, { gracePeriodSeconds: 3600 });
    await verifyApiKey(h.key);
    await revokeApiKey(admin, h.id, { reason: "now" });
    await expect(verifyApiKey(h.key)).rejects.toThrow(/revoked/i);

    // rolling re-issues the key's rights: a caller without them may not
    const limited: Principal = { type: "apiKey", id: "l3", name: "l3", scopes: ["keys:write"], instanceIds: null };
    const star = await createApiKey(admin, { name: "star", scopes: ["*"] });
    expect(await codeOf(rollApiKey(limited, star.id, { gracePeriodSeconds: 0 }))).toBe("FORBIDDEN");
  });

  it("deletes permanently; the key is then unknown", async () => {
    const k = await createApiKey(admin, { name: "del", scopes: ["*"] });
    await verifyApiKey(k.key);
    recordKeyUse(k.id, "10.0.0.1");
    expect(await deleteApiKey(admin, k.id)).toEqual({ id: k.id, deleted: true });
    await expect(verifyApiKey(k.key)).rejects.toThrow(/unknown/i);
    expect(await prisma.apiKey.count({ where: { id: k.id } })).toBe(0);
    expect((await auditOf(k.id)).map((e) => e.action)).toEqual(["key.create", "key.delete"]);
    expect(await codeOf(getApiKey(admin, k.id))).toBe("NOT_FOUND");
  });

  it("counts usage per hour, including what is not flushed yet", async () => {
    const k = await createApiKey(admin, { name: "usage", scopes: ["*"] });
    const now = new Date();
    const twoHoursAgo = new Date(now.getTime() - 2 * 3600_000);
    recordKeyUse(k.id, "10.0.0.2", twoHoursAgo);
    recordKeyUse(k.id, "10.0.0.2", twoHoursAgo);
    await flushKeyUsage();
    recordKeyUse(k.id, "10.0.0.3", now);
    const s = await keyUsageSeries(admin, k.id, { now });
    expect(s.hours).toHaveLength(168);
    expect(s.total).toBe(3);
    expect(s.hours.at(-1)!.count).toBe(1);
    expect(s.hours.at(-3)!.count).toBe(2);
    const v = await getApiKey(admin, k.id);
    expect(v).toMatchObject({ usageCount: 3, lastUsedIp: "10.0.0.3" });
    await flushKeyUsage();
    expect(await getApiKey(admin, k.id)).toMatchObject({ usageCount: 3, lastUsedIp: "10.0.0.3" });
    const viewer: Principal = { type: "session", id: "v", name: "v", scopes: ["routes:read"], instanceIds: null };
    expect(await codeOf(keyUsageSeries(viewer, k.id))).toBe("FORBIDDEN");
  });
});
