// Raw keys never reach the logs: exercise the API wrapper (success, auth failures, an internal
// error, an idempotent replay) with logging on and scan everything written to stderr.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { systemPrincipal } from "@/lib/auth/principal";
import { createApiKey } from "@/lib/keys/create-key";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { GET as authStatus } from "@/app/api/v1/auth/status/route";
import { POST as postKey } from "@/app/api/v1/keys/route";

const ctx = { params: Promise.resolve({} as Record<string, never>) };
const captured: string[] = [];
const realWrite = process.stderr.write.bind(process.stderr);
let logSetting: string | undefined;

beforeAll(() => {
  logSetting = process.env.OMNI_LOG;
  delete process.env.OMNI_LOG;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stderr.write;
});
afterAll(() => {
  process.stderr.write = realWrite;
  process.env.OMNI_LOG = logSetting;
});

const req = (path: string, key: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  new NextRequest(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${key}`, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe("logs", () => {
  it("never contain a raw key", async () => {
    const sys = systemPrincipal("log-test");
    const k = await createApiKey(sys, { name: "log-test", scopes: ["*"] });
    const made: string[] = [k.key];
    expect((await authStatus(req("/api/v1/auth/status", k.key), ctx)).status).toBe(200);
    const created = await postKey(req("/api/v1/keys", k.key, { method: "POST", body: { name: "child", scopes: ["agents:read"] }, headers: { "Idempotency-Key": "log-1" } }), ctx);
    made.push((await created.json()).data.key);
    await postKey(req("/api/v1/keys", k.key, { method: "POST", body: { name: "child", scopes: ["agents:read"] }, headers: { "Idempotency-Key": "log-1" } }), ctx);
    const boom = apiRoute(async () => {
      throw new Error("database exploded");
    });
    const res = await boom(req("/api/v1/boom", k.key), ctx);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("exploded");
    await revokeApiKey(sys, k.id, { reason: "test" });
    expect((await authStatus(req("/api/v1/auth/status", k.key), ctx)).status).toBe(401);
    expect((await authStatus(req("/api/v1/auth/status", k.key + "x"), ctx)).status).toBe(401);

    const text = captured.join("");
    expect(text).toContain("unhandled API error"); // logging was on: the scan below can fail
    for (const key of made) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(16));
    }
  });
});
