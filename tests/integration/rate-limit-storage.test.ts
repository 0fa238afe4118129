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

describe("requests of one subject counted together", () => {
  it("a burst is counted in fewer store calls than requests, with the answers of counting one by one", async () => {
    const subject = `burst-${Math.random().toString(36).slice(2)}`;
    const limit = 17;
    await consumeRate(`warm-${subject}`, limit); // creates the limiter of this limit
    const limiter = (globalThis as unknown as { omniLimiters: Map<number, { consume: (k: string, n: number) => Promise<unknown> }> }).omniLimiters.get(limit)!;
    const calls: number[] = [];
    const consume = limiter.consume.bind(limiter);
    limiter.consume = (k: string, n: number) => {
      calls.push(n);
      return consume(k, n);
    };
    try {
      const results = await Promise.all(Array.from({ length: 25 }, () => consumeRate(subject, limit)));
      expect(calls.reduce((a, n) => a + n, 0)).toBe(25); // every request counted once
      expect(calls.length).toBeLessThan(25); // …not one store call each
      expect(results.filter((r) => r.allowed)).toHaveLength(limit);
      // the allowed ones remain 16, 15, …, 0 (each once); the refused ones 0, with a reset ≥ 1 s
      expect(results.filter((r) => r.allowed).map((r) => r.remaining).sort((a, b) => b - a)).toEqual(Array.from({ length: limit }, (_, i) => limit - 1 - i));
      expect(results.filter((r) => !r.allowed).every((r) => r.remaining === 0 && r.resetSeconds >= 1)).toBe(true);
      // the next request, alone, is refused too
      expect((await consumeRate(subject, limit)).allowed).toBe(false);
    } finally {
      limiter.consume = consume;
    }
  });
});
