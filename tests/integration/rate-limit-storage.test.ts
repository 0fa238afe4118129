// PostgreSQL rate limiting without a durable commit per request: the counters' table is UNLOGGED
// and their connections commit with synchronous_commit = off; counting stays exact
// (multi-process.test.ts checks it across processes).
import { describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import { rateLimitPool } from "@/lib/db/pg-pool";
import { consumeRate } from "@/lib/api/rate-limit";

describe.runIf(dbProvider === "postgresql")("rate-limit counters on PostgreSQL", () => {
  it("live in an UNLOGGED table, written without waiting for a disk flush", async () => {
    const rows = await prisma.$queryRaw<{ relpersistence: string }[]>`SELECT relpersistence::text AS relpersistence FROM pg_class WHERE relname = 'omni_rate_limits'`;
    expect(rows).toEqual([{ relpersistence: "u" }]);
    const setting = await rateLimitPool().query("SHOW synchronous_commit");
    expect(setting.rows[0].synchronous_commit).toBe("off");
  });

  it("still count exactly: the limit's last request is allowed, the next refused", async () => {
    const subject = `exact-${Math.random().toString(36).slice(2)}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeRate(subject, 10)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const counted = await prisma.$queryRaw<{ points: number }[]>`SELECT points FROM omni_rate_limits WHERE key = ${`rl10:${subject}`}`;
    expect(counted[0].points).toBe(12);
  });
});
