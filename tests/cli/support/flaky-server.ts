// A tiny node:http server that answers from a script (e.g. 503, 503, then 200) and records each
// request, to watch the CLI's retries.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };
export type Seen = { method: string; url: string; at: number; headers: http.IncomingHttpHeaders; body: string };

export async function flakyServer(script: Scripted[], fallback: Scripted = { status: 500 }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, at: Date.now(), headers: req.headers, body });
      const next = script.shift() ?? fallback;
      res.writeHead(next.status, { "content-type": "application/json", "x-request-id": `flaky-${seen.length}`, ...next.headers });
      res.end(JSON.stringify(next.body ?? { error: { code: next.status === 429 ? "RATE_LIMITED" : "INTERNAL_ERROR", message: `scripted ${next.status}`, details: {} } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return { url, seen, close };
}
