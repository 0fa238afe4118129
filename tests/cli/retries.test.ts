import { describe, expect, it } from "vitest";
import { flakyServer } from "./support/flaky-server";
import { omni, omniFails, omniJson } from "./support/run";

const KEY = "omni_sk_" + "r".repeat(43);
const env = { OMNI_API_KEY: KEY };
const WHO = { data: { type: "apiKey", id: "k1", name: "flaky", scopes: ["*"], instanceIds: null } };

describe("omni retries against a server that fails, then succeeds", () => {
  it("503, 503, then 200: exit 0 after 3 attempts with growing backoff", async () => {
    const s = await flakyServer([{ status: 503 }, { status: 503 }, { status: 200, body: WHO }], { status: 200, body: { data: { name: "flaky", version: "0" } } });
    try {
      const out = await omniJson<{ principal: { name: string } }>(["--api-url", s.url, "auth", "status"], { env });
      expect(out.principal.name).toBe("flaky");
      const statusCalls = s.seen.filter((r) => r.url === "/api/v1/auth/status");
      expect(statusCalls).toHaveLength(3);
      const gap1 = statusCalls[1].at - statusCalls[0].at;
      const gap2 = statusCalls[2].at - statusCalls[1].at;
      expect(gap1).toBeGreaterThanOrEqual(240); // 0.5 s step, equal jitter: 250..500 ms
      expect(gap1).toBeLessThan(1500);
      expect(gap2).toBeGreaterThanOrEqual(490); // 1 s step: 500..1000 ms
      expect(statusCalls[0].headers.authorization).toBe(`Bearer ${KEY}`);
    } finally {
      await s.close();
    }
  });

  it("429 with Retry-After: 1, then 201: waits about a second; a POST keeps its Idempotency-Key", async () => {
    const created = { data: { id: "i1", name: "x", channel: "sms", defaultAgentId: null, defaultAgent: null } };
    const s = await flakyServer([{ status: 429, headers: { "retry-after": "1" } }, { status: 201, body: created }]);
    try {
      const out = await omniJson<{ id: string }>(["--api-url", s.url, "instances", "create", "--name", "x", "--channel", "sms"], { env });
      expect(out.id).toBe("i1");
      expect(s.seen).toHaveLength(2);
      expect(s.seen[1].at - s.seen[0].at).toBeGreaterThanOrEqual(950);
      const [a, b] = s.seen.map((r) => r.headers["idempotency-key"]);
      expect(a).toBeTruthy();
      expect(b).toBe(a);
      expect(JSON.parse(s.seen[1].body)).toEqual({ name: "x", channel: "sms" });
    } finally {
      await s.close();
    }
  });

  it("still 429 after the retries: exit 4; still 5xx: exit 3", async () => {
    const limited = await flakyServer([], { status: 429, headers: { "retry-after": "0" } });
    try {
      const r = await omniFails(4, ["--api-url", limited.url, "instances", "list"], { env });
      expect(r.err.detail).toContain("gave up after 4 attempts");
      expect(limited.seen).toHaveLength(4);
    } finally {
      await limited.close();
    }
    const broken = await flakyServer([], { status: 500 });
    try {
      const r = await omniFails(3, ["--retries", "1", "--api-url", broken.url, "instances", "list"], { env });
      expect(r.err.error).toBe("INTERNAL_ERROR");
      expect(broken.seen).toHaveLength(2);
    } finally {
      await broken.close();
    }
  });

  it("4xx is never retried", async () => {
    const s = await flakyServer([], { status: 404, body: { error: { code: "NOT_FOUND", message: "Instance not found.", details: {} } } });
    try {
      const r = await omni(["--api-url", s.url, "instances", "get", "00000000-0000-4000-8000-000000000000"], { env });
      expect(r.code).toBe(5);
      expect(r.stderr).toContain("Instance not found.");
      expect(s.seen).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
