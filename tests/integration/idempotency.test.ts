// Idempotency-Key through the real API wrapper and handlers (no HTTP server needed).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { databaseContains } from "../support/database-contains";
import { systemPrincipal } from "@/lib/auth/principal";
import { createApiKey } from "@/lib/keys/create-key";
import { POST as postInstance } from "@/app/api/v1/instances/route";
import { POST as postKey } from "@/app/api/v1/keys/route";

const uniq = () => Math.random().toString(36).slice(2, 8);
const ctx = { params: Promise.resolve({} as Record<string, never>) };

async function callerKey() {
  return (await createApiKey(systemPrincipal("idem-test"), { name: `idem-${uniq()}`, scopes: ["*"] })).key;
}

function post(path: string, key: string, body: unknown, idem?: string) {
  return new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...(idem ? { "Idempotency-Key": idem } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("Idempotency-Key on POST", () => {
  it("replays the first response for the same body and creates nothing again", async () => {
    const key = await callerKey();
    const name = `idem-${uniq()}`;
    const first = await postInstance(post("/api/v1/instances", key, { name, channel: "telegram" }, "create-1"), ctx);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    // same body, keys in another order and spacing: the same request
    const again = await postInstance(post("/api/v1/instances", key, `{ "channel": "telegram",  "name": "${name}" }`, "create-1"), ctx);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await prisma.instance.count({ where: { name } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { targetId: firstBody.data.id } })).toBe(1);
  });

  it("refuses the same key with a different body (409) and does nothing", async () => {
    const key = await callerKey();
    const name = `idem-${uniq()}`;
    expect((await postInstance(post("/api/v1/instances", key, { name, channel: "sms" }, "k-2"), ctx)).status).toBe(201);
    const res = await postInstance(post("/api/v1/instances", key, { name: `${name}-other`, channel: "sms" }, "k-2"), ctx);
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.message).toMatch(/Idempotency-Key was already used with a different request/);
    expect(await prisma.instance.count({ where: { name: `${name}-other` } })).toBe(0);
  });

  it("is scoped per principal, replays errors too, and leaves requests without the header alone", async () => {
    const [k1, k2] = [await callerKey(), await callerKey()];
    const name = `idem-${uniq()}`;
    expect((await postInstance(post("/api/v1/instances", k1, { name, channel: "slack" }, "shared"), ctx)).status).toBe(201);
    // another caller may use the same Idempotency-Key for its own request
    const other = await postInstance(post("/api/v1/instances", k2, { name: `${name}-2`, channel: "slack" }, "shared"), ctx);
    expect(other.status).toBe(201);
    expect(other.headers.get("Idempotent-Replayed")).toBeNull();
    // a 400 is the first response too
    const bad1 = await postInstance(post("/api/v1/instances", k1, { name: "", channel: "nope" }, "bad"), ctx);
    const bad2 = await postInstance(post("/api/v1/instances", k1, { name: "", channel: "nope" }, "bad"), ctx);
    expect([bad1.status, bad2.status]).toEqual([400, 400]);
    expect(bad2.headers.get("Idempotent-Replayed")).toBe("true");
    // without the header a repeat is a new request (here: a name conflict)
    expect((await postInstance(post("/api/v1/instances", k1, { name, channel: "slack" }), ctx)).status).toBe(409);
    // an unusable key is a 400
    expect((await postInstance(post("/api/v1/instances", k1, { name: "z", channel: "slack" }, "x".repeat(300)), ctx)).status).toBe(400);
  });

  it("replays a created API key without ever storing the raw key", async () => {
    const key = await callerKey();
    const body = { name: `idem-key-${uniq()}`, scopes: ["routes:read"] };
    const first = await postKey(post("/api/v1/keys", key, body, "new-key"), ctx);
    expect(first.status).toBe(201);
    const a = await first.json();
    const b = await (await postKey(post("/api/v1/keys", key, body, "new-key"), ctx)).json();
    expect(b).toEqual(a);
    expect(await prisma.apiKey.count({ where: { name: body.name } })).toBe(1);
    const rec = await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: "new-key" } });
    expect(rec.body).not.toContain(a.data.key);
    expect(rec.body).not.toContain("omni_sk_");
    // nor anywhere in the database
    expect(await databaseContains(a.data.key)).toBe(false);
    expect(await databaseContains(a.data.prefix)).toBe(true); // the scan does find what is there
  });

  it("lets only one of two concurrent twins do the work", async () => {
    const key = await callerKey();
    const name = `idem-${uniq()}`;
    const body = { name, channel: "discord" };
    const [a, b] = await Promise.all([
      postInstance(post("/api/v1/instances", key, body, "twin"), ctx),
      postInstance(post("/api/v1/instances", key, body, "twin"), ctx),
    ]);
    const statuses = [a.status, b.status].sort();
    // the second either waited long enough to get the replay, or was told the first is still running
    expect([[201, 201], [201, 409]]).toContainEqual(statuses);
    expect(await prisma.instance.count({ where: { name } })).toBe(1);
    const again = await postInstance(post("/api/v1/instances", key, body, "twin"), ctx);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("answers again after 24 hours as a new request", async () => {
    const key = await callerKey();
    const name = `idem-${uniq()}`;
    expect((await postInstance(post("/api/v1/instances", key, { name, channel: "email" }, "old"), ctx)).status).toBe(201);
    await prisma.idempotencyRecord.updateMany({ where: { key: "old" }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const res = await postInstance(post("/api/v1/instances", key, { name, channel: "email" }, "old"), ctx);
    expect(res.status).toBe(409); // ran again: the name is taken now
    expect(res.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("a claim left by a crash is a lease: 409 while it lasts, taken over by a repeat once it ran out", async () => {
    const key = await callerKey();
    const name = `idem-${uniq()}`;
    const body = { name, channel: "sms" };
    // a first attempt claimed the key, then its process died before answering (no renewal, no result)
    const first = await postInstance(post("/api/v1/instances", key, body, "crashed"), ctx);
    expect(first.status).toBe(201);
    const row = await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: "crashed" } });
    await prisma.instance.deleteMany({ where: { name } }); // as if the crashed attempt never committed
    const crashed = (until: number) =>
      prisma.idempotencyRecord.update({
        where: { principalId_key: { principalId: row.principalId, key: "crashed" } },
        data: { status: 0, body: `lease:dead-process:${until}` },
      });
    await crashed(Date.now() + 20_000); // its lease still runs: a repeat is told to retry
    const early = await postInstance(post("/api/v1/instances", key, body, "crashed"), ctx);
    expect(early.status).toBe(409);
    expect((await early.json()).error.details).toMatchObject({ retryable: true });
    await crashed(Date.now() - 1); // the lease ran out: the repeat takes over and does the work
    const retry = await postInstance(post("/api/v1/instances", key, body, "crashed"), ctx);
    expect(retry.status, await retry.clone().text()).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await prisma.instance.count({ where: { name } })).toBe(1);
    const replay = await postInstance(post("/api/v1/instances", key, body, "crashed"), ctx);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
