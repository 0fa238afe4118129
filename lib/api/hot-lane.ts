// The hot lane: the few API endpoints automation calls on every message, answered by the app's
// own HTTP server (scripts/lib/http-server.ts) before the request reaches Next. The messaging hub
// calls POST /routes/test on every inbound message; through Next's route pipeline a POST costs
// ~0.5 ms of CPU more than the resolution itself (a web Request with a body stream, read back
// through web streams, and a streamed response), so a cached resolution ran at ~0.6× of a
// trivial GET. Here the same pipeline (handler.ts `handleApiRequest`: authentication, rate limit,
// scope check, idempotency, error shape) runs on Node's request and response directly.
//
// Only Bearer-key requests take the lane: a request without `Authorization` (a browser session's
// cookie) goes to Next as before. The same handler (./hot-endpoints.ts) serves the Next route,
// so both ways answer alike; the API e2e suites run against the app's server and so through here.
// This module is loaded by the server script, a separate copy of lib/ from Next's bundle: state
// both need (Prisma client, caches, rate limiters, change listeners) lives on globalThis.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleApiRequest, MAX_BODY_BYTES, assertDeclaredLength, tooLarge, type ApiRequest } from "./handler";
import { API_CSP, STATIC_SECURITY_HEADERS } from "../security/headers";
import { headerValue } from "../security/client-address";
import { HOT_ENDPOINTS, type HotHandler } from "./hot-endpoints";

/** A request target split into its path and its query ("/a/b?x" → ["/a/b", "?x"]; no query: ""). */
function splitTarget(target: string): [pathname: string, search: string] {
  const q = target.indexOf("?");
  return q === -1 ? [target, ""] : [target.slice(0, q), target.slice(q)];
}

/** The lane's handler for this request, or undefined when Next should answer it (no Bearer key, another endpoint). */
export function hotHandlerFor(req: IncomingMessage): HotHandler | undefined {
  if (!req.headers.authorization || !req.url) return undefined;
  return HOT_ENDPOINTS.get(`${req.method} ${splitTarget(req.url)[0]}`);
}

/** The body as UTF-8 text, refused with 413 over MAX_BODY_BYTES (declared or sent). */
function readText(req: IncomingMessage, headers: ApiRequest["headers"]): Promise<string> {
  assertDeclaredLength(headers);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume(); // drain the rest; the answer is the 413
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject); // also a client gone mid-body (Node: "aborted")
  });
}

/** `req` as the pipeline's request. The lane never sees a session (hotHandlerFor), so there is no token. */
function fromNodeRequest(req: IncomingMessage): ApiRequest {
  const target = req.url ?? "/";
  const [pathname, search] = splitTarget(target);
  // Node's header names are lower-case; repeated headers joined with ", ", as fetch's Headers does
  const headers: ApiRequest["headers"] = { get: (name) => headerValue(req.headers, name.toLowerCase()) };
  return {
    method: req.method ?? "GET",
    pathname,
    search,
    url: `http://${req.headers.host ?? "localhost"}${target}`,
    headers,
    readText: () => readText(req, headers),
    sessionToken: async () => null,
  };
}

/**
 * Answers `req` with `handler` through the API pipeline and writes the response to `res`, with the
 * headers next.config.ts gives every /api response (STATIC_SECURITY_HEADERS, API_CSP) and a
 * Content-Length. Resolves once the response is written; never rejects for a request's fault.
 * Runs inside the server's compression (scripts/lib/http-compression.ts), whose filter reads and
 * removes the response's BODY_BYTES_HEADER, as for Next's responses.
 */
export async function serveHot(req: IncomingMessage, res: ServerResponse, handler: HotHandler): Promise<void> {
  const response = await handleApiRequest(fromNodeRequest(req), handler);
  const body = Buffer.from(await response.text(), "utf8");
  for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Content-Security-Policy", API_CSP);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("Content-Length", body.length);
  res.writeHead(response.status);
  res.end(body);
}
