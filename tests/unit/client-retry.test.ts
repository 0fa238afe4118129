import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  OmniApiError,
  OmniClient,
  backoffDelayMs,
  nextRetryDelayMs,
  outcomeForStatus,
  parseRetryAfter,
} from "@/lib/client";

describe("retry policy (pure)", () => {
  it("classifies statuses: 5xx and 429 may be retried, 4xx are final", () => {
    expect(outcomeForStatus(500, null)).toEqual({ kind: "server", status: 500 });
    expect(outcomeForStatus(503, null)).toEqual({ kind: "server", status: 503 });
    expect(outcomeForStatus(429, "3")).toEqual({ kind: "rateLimited", retryAfterMs: 3000 });
    for (const s of [400, 401, 403, 404, 409, 413]) expect(outcomeForStatus(s, null)).toEqual({ kind: "final" });
  });

  it("backs off exponentially from 0.5 s with equal jitter, capped at 8 s", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, high))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, low))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(3, DEFAULT_RETRY_POLICY);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it("jitter spreads the delays (not one fixed value)", () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it("honours Retry-After for 429, capped at 60 s", () => {
    expect(nextRetryDelayMs({ kind: "rateLimited", retryAfterMs: 2000 }, 1)).toBe(2000);
    expect(nextRetryDelayMs({ kind: "rateLimited", retryAfterMs: 0 }, 1)).toBe(0);
    expect(nextRetryDelayMs({ kind: "rateLimited", retryAfterMs: 3_600_000 }, 1)).toBe(60_000);
    // no Retry-After: the ordinary backoff
    expect(nextRetryDelayMs({ kind: "rateLimited", retryAfterMs: null }, 2, DEFAULT_RETRY_POLICY, () => 1)).toBe(1000);
  });

  it("stops after maxAttempts (4 by default: transport errors get 4 attempts in all)", () => {
    const t = { kind: "transport" } as const;
    expect(nextRetryDelayMs(t, 1)).not.toBeNull();
    expect(nextRetryDelayMs(t, 3)).not.toBeNull();
    expect(nextRetryDelayMs(t, 4)).toBeNull();
    expect(nextRetryDelayMs({ kind: "server", status: 502 }, 4)).toBeNull();
    expect(nextRetryDelayMs({ kind: "server", status: 502 }, 1, { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })).toBeNull();
    expect(nextRetryDelayMs({ kind: "final" }, 1)).toBeNull();
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1500);
    expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-3", now)).toBeNull();
  });
});

/** A fetch that answers from a script of responses (or throws for transport errors). */
function scriptedFetch(script: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: URL | string, init: RequestInit) => {
    calls.push({ url: String(url), init });
    const next = script.shift();
    if (!next) throw new Error("script exhausted");
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fn, calls };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("OmniClient with the retry policy (injected fetch and sleep)", () => {
  it("retries 503 with backoff, then returns the data", async () => {
    const slept: number[] = [];
    const { fn, calls } = scriptedFetch([
      json(503, { error: { code: "SERVICE_UNAVAILABLE", message: "db down", details: {} } }),
      json(502, {}),
      json(200, { data: { status: "ok", db: "ok" } }),
    ]);
    const c = new OmniClient({ baseUrl: "http://x.test", fetch: fn, sleep: async (ms) => void slept.push(ms), random: () => 1 });
    await expect(c.health()).resolves.toEqual({ status: "ok", db: "ok" });
    expect(calls).toHaveLength(3);
    expect(slept).toEqual([500, 1000]);
  });

  it("waits what Retry-After says on 429 and reports RATE_LIMITED after the last attempt", async () => {
    const slept: number[] = [];
    const limited = () => json(429, { error: { code: "RATE_LIMITED", message: "slow down", details: { retryAfter: 2 } } }, { "retry-after": "2" });
    const { fn, calls } = scriptedFetch([limited(), limited(), limited(), limited()]);
    const c = new OmniClient({ baseUrl: "http://x.test", apiKey: "omni_sk_" + "a".repeat(40), fetch: fn, sleep: async (ms) => void slept.push(ms) });
    const err = await c.keys.list().catch((e) => e);
    expect(err).toBeInstanceOf(OmniApiError);
    expect(err).toMatchObject({ status: 429, code: "RATE_LIMITED", attempts: 4 });
    expect(slept).toEqual([2000, 2000, 2000]);
    expect(calls).toHaveLength(4);
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe("Bearer omni_sk_" + "a".repeat(40));
  });

  it("gives transport errors 4 attempts in all, then UNREACHABLE (status 0)", async () => {
    const slept: number[] = [];
    const refused = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { fn, calls } = scriptedFetch([refused(), refused(), refused(), refused(), json(200, { data: {} })]);
    const c = new OmniClient({ baseUrl: "http://x.test", fetch: fn, sleep: async (ms) => void slept.push(ms), random: () => 0 });
    const err = await c.info().catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: "UNREACHABLE", attempts: 4 });
    expect(err.message).toContain("ECONNREFUSED");
    expect(calls).toHaveLength(4);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it("does not retry 4xx and carries code, message and field details", async () => {
    const { fn, calls } = scriptedFetch([
      json(400, { error: { code: "VALIDATION_ERROR", message: "Invalid input.", details: { fields: { name: ["Required."] } } } }, { "x-request-id": "req-1" }),
    ]);
    const c = new OmniClient({ baseUrl: "http://x.test", fetch: fn, sleep: async () => {} });
    const err = await c.keys.create({ name: "", scopes: ["*"] }).catch((e) => e);
    expect(err).toMatchObject({ status: 400, code: "VALIDATION_ERROR", message: "Invalid input.", requestId: "req-1", attempts: 1 });
    expect(err.fields).toEqual({ name: ["Required."] });
    expect(calls).toHaveLength(1);
  });

  it("sends one Idempotency-Key for a POST and keeps it across retries", async () => {
    const { fn, calls } = scriptedFetch([json(500, {}), json(201, { data: { id: "r1" } })]);
    const c = new OmniClient({ baseUrl: "http://x.test/", fetch: fn, sleep: async () => {} });
    await c.persons.merge({ sourceId: "a", targetId: "b" });
    const keys = calls.map((x) => (x.init.headers as Record<string, string>)["Idempotency-Key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(calls[0].url).toBe("http://x.test/api/v1/persons/merge");
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ sourceId: "a", targetId: "b" });
  });

  it("builds list queries and follows cursors with all()", async () => {
    const { fn, calls } = scriptedFetch([
      json(200, { items: [{ id: "1" }], nextCursor: "c1" }),
      json(200, { items: [{ id: "2" }], nextCursor: null }),
    ]);
    const c = new OmniClient({ baseUrl: "http://x.test", fetch: fn });
    const items = await c.all(c.routes.list, { instance: "i1", active: false, limit: 1 });
    expect(items.map((r) => r.id)).toEqual(["1", "2"]);
    expect(calls[0].url).toBe("http://x.test/api/v1/routes?instance=i1&active=false&limit=1");
    expect(calls[1].url).toBe("http://x.test/api/v1/routes?instance=i1&active=false&limit=1&cursor=c1");
  });
});
