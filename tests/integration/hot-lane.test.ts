// The app server's hot lane (lib/api/hot-lane.ts) on a plain Node server, without Next: it answers
// Bearer-key POST /api/v1/routes/test through the same pipeline as the Next route (authentication,
// scope, instance restriction, rate limit, body limits, the contract's error shape, the /api
// security headers), and hands every other request on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hotHandlerFor, serveHot } from "@/lib/api/hot-lane";
import { createApiKey } from "@/lib/keys/create-key";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { createRoute } from "@/lib/routes/create-route";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { testRoute } from "@/lib/routes/resolver";
import { AppError, isAppError } from "@/lib/errors";
import { API_CSP, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { admin, uniq, world } from "./routes-helpers";

const NOT_HOT = 418;
let server: http.Server;
let base: string;
let w: Awaited<ReturnType<typeof world>>;
let key: string;
/** Called whenever the lane has finished with a request (answered it, or given up on it). */
let onServed: (() => void) | undefined;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request over a fresh connection; `body` as given (string or Buffer), `chunked` sends it without a Content-Length. */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body !== undefined && !chunked) req.setHeader("Content-Length", Buffer.byteLength(body));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const post = (body: unknown, bearer: string | null = key, extra: Record<string, string> = {}) =>
  send("POST", "/api/v1/routes/test", {
    "Content-Type": "application/json",
    ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
    ...extra,
  }, typeof body === "string" ? body : JSON.stringify(body));

const errorOf = (a: Answer) => (JSON.parse(a.body) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  w = await world();
  await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id, label: "hot lane" }));
  key = (await createApiKey(admin, { name: `hot-${uniq()}`, scopes: ["routes:read"] })).key;
  server = http.createServer((req, res) => {
    const hot = hotHandlerFor(req);
    if (hot) void serveHot(req, res, hot).finally(() => onServed?.());
    else {
      res.writeHead(NOT_HOT);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the hot lane", () => {
  it("answers a Bearer-key route test as the service does, with the API's headers", async () => {
    const input = { instanceId: w.inst.id, chatId: w.chat.id };
    const a = await post(input);
    expect(a.status).toBe(200);
    const { data } = JSON.parse(a.body) as { data: Awaited<ReturnType<typeof testRoute>> };
    const direct = JSON.parse(JSON.stringify(await testRoute(admin, input))) as typeof data;
    expect({ ...data, cached: undefined }).toEqual({ ...direct, cached: undefined });
    expect(data.agent?.id).toBe(w.a1.id);
    expect(a.headers["content-type"]).toBe("application/json");
    expect(Number(a.headers["content-length"])).toBe(Buffer.byteLength(a.body));
    expect(a.headers["cache-control"]).toBe("no-store, no-transform");
    expect(a.headers["content-security-policy"]).toBe(API_CSP);
    for (const { key: name, value } of STATIC_SECURITY_HEADERS) expect(a.headers[name.toLowerCase()]).toBe(value);
    expect(a.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers["x-ratelimit-limit"]).toBe("600");
    expect(Number(a.headers["x-ratelimit-remaining"])).toBeLessThan(600);
  });

  it("keeps a well-formed X-Request-Id and takes the path without its query", async () => {
    const a = await send("POST", "/api/v1/routes/test?x=1", { Authorization: `Bearer ${key}`, "X-Request-Id": "hub-42" }, JSON.stringify({ instanceId: w.inst.id }));
    expect(a.status).toBe(200);
    expect(a.headers["x-request-id"]).toBe("hub-42");
  });

  it("hands on what is not a Bearer call of a hot endpoint", async () => {
    expect((await post({ instanceId: w.inst.id }, null)).status).toBe(NOT_HOT); // a session's cookie: Next's
    expect((await send("GET", "/api/v1/routes/test", { Authorization: `Bearer ${key}` })).status).toBe(NOT_HOT);
    expect((await send("POST", "/api/v1/routes/test/", { Authorization: `Bearer ${key}` }, "{}")).status).toBe(NOT_HOT);
    expect((await send("POST", "/api/v1/routes", { Authorization: `Bearer ${key}` }, "{}")).status).toBe(NOT_HOT);
  });

  it("refuses wrong, malformed and revoked keys with 401", async () => {
    expect(errorOf(await post({ instanceId: w.inst.id }, "omni_nope")).code).toBe("UNAUTHENTICATED");
    const malformed = await send("POST", "/api/v1/routes/test", { Authorization: "Bearer" }, "{}");
    expect(malformed.status).toBe(401);
    expect(errorOf(malformed).message).toMatch(/Malformed Authorization/);
    const k = await createApiKey(admin, { name: `revoked-${uniq()}`, scopes: ["routes:read"] });
    expect((await post({ instanceId: w.inst.id }, k.key)).status).toBe(200);
    await revokeApiKey(admin, k.id);
    const revoked = await post({ instanceId: w.inst.id }, k.key);
    expect(revoked.status).toBe(401);
    expect(errorOf(revoked).code).toBe("UNAUTHENTICATED");
  });

  it("refuses a key without the scope and a key restricted to another instance with 403", async () => {
    const noScope = await createApiKey(admin, { name: `persons-${uniq()}`, scopes: ["persons:read"] });
    expect(errorOf(await post({ instanceId: w.inst.id }, noScope.key)).code).toBe("FORBIDDEN");
    const elsewhere = await createApiKey(admin, { name: `other-${uniq()}`, scopes: ["routes:read"], instanceIds: [w.other.id] });
    const a = await post({ instanceId: w.inst.id, chatId: w.chat.id }, elsewhere.key);
    expect(a.status).toBe(403);
    expect(errorOf(a).code).toBe("FORBIDDEN");
    expect((await post({ instanceId: w.other.id }, elsewhere.key)).status).toBe(200);
  });

  it("answers malformed bodies with 400 in the contract's shape", async () => {
    const notJson = await post("{ nope");
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson)).toMatchObject({ code: "VALIDATION_ERROR", message: "Malformed JSON body." });
    expect(errorOf(await post({ instanceId: w.inst.id, extra: 1 })).code).toBe("VALIDATION_ERROR");
    expect((await post({})).status).toBe(400);
    expect((await post({ instanceId: w.inst.id, chatId: "a\u0000b" })).status).toBe(400);
    expect((await post({ instanceId: "0c6f1c1e-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("refuses a body over 1 MiB with 413, declared or streamed", async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    const declared = await send("POST", "/api/v1/routes/test", { Authorization: `Bearer ${key}` }, big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared).code).toBe("PAYLOAD_TOO_LARGE");
    const streamed = await send("POST", "/api/v1/routes/test", { Authorization: `Bearer ${key}` }, big, true);
    expect(streamed.status).toBe(413);
  });

  it("gives up on a body the client never finished instead of waiting for it", async () => {
    const served = new Promise<void>((resolve) => (onServed = resolve));
    const req = http.request(`${base}/api/v1/routes/test`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Length": "100" }, agent: false });
    req.on("error", () => {}); // the socket is ours to destroy
    req.write('{"instanceId":');
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    const outcome = await Promise.race([served.then(() => "served"), new Promise((r) => setTimeout(() => r("still waiting"), 3000))]);
    onServed = undefined;
    expect(outcome).toBe("served");
  });

  it("counts the key's rate limit and answers 429 with Retry-After over it", async () => {
    const k = await createApiKey(admin, { name: `limited-${uniq()}`, scopes: ["routes:read"], rateLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await post({ instanceId: w.inst.id }, k.key));
    expect(statuses.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(errorOf(statuses[2]).code).toBe("RATE_LIMITED");
    expect(Number(statuses[2].headers["retry-after"])).toBeGreaterThan(0);
    expect(statuses[2].headers["x-ratelimit-remaining"]).toBe("0");
  });
});

describe("AppError across copies of lib/", () => {
  it("is recognised when another copy of lib/errors.ts made it", async () => {
    vi.resetModules();
    const other = await import("@/lib/errors");
    const e = new other.AppError("NOT_FOUND", "made by the other copy");
    expect(e instanceof AppError).toBe(false); // two classes: instanceof alone misses it
    expect(isAppError(e)).toBe(true);
    expect(isAppError(new Error("plain"))).toBe(false);
  });
});
