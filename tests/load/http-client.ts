// The load generator's HTTP client: node:http over keep-alive connections (one per concurrent
// client), not fetch. The generator shares the machine's two cores with the app processes and
// PostgreSQL, so every millisecond of CPU it spends per request is taken from the server it
// measures: fetch (undici, WHATWG streams and Request/Response objects) cost 1.5 ms of CPU per
// `GET /api/v1/info` here, node:http 0.57 ms (measured on 2026-12-02, 50 clients, 4 s each,
// alternating). Responses are read whole; the status and the body as text are returned.
import http from "node:http";

const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity });

/** Aborts a request that has not answered after this long (a transport error for the caller). */
const TIMEOUT_MS = 60_000;

export type HttpResult = { status: number; text: string };

/**
 * Sends one request on a kept-alive connection: `method` to the absolute `url` with `headers` and
 * an optional string `body` (sent as UTF-8 with its Content-Length). Resolves with the status
 * code and the response body as text; rejects on a connection error or after 60 s without an
 * answer.
 */
export function httpRequest(method: string, url: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent,
      headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      timeout: TIMEOUT_MS,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${method} ${url} within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Closes the kept-alive connections (so that the process can exit). */
export function closeConnections(): void {
  agent.destroy();
}
