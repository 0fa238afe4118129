// The app's own HTTP server, used by `npm start` (scripts/serve.ts) and every `start:cluster`
// worker: Next's production request handler (`next({ dev: false })`) behind a plain Node server
// that tells the app who is calling, compresses responses (./http-compression.ts) and answers the
// hub's per-message endpoints itself (lib/api/hot-lane.ts). `next start` hides the socket from handlers, so each request
// gets the TCP peer address in the internal PEER_HEADER (any client-sent copy is removed first);
// lib/security/client-address.ts decides the client address from it.
import http from "node:http";
import { PEER_HEADER, trustedProxies } from "../../lib/security/client-address";
import { signInMethods } from "../../lib/sso/config";
import { exitGracefullyOnSignals } from "../../lib/system/shutdown";
import { databaseProvider, databaseUrl } from "../../lib/db/url";
import { appCompression } from "./http-compression";

export type ServeOptions = {
  port: number;
  /** Interface to listen on; unset: every interface (as `next start`). */
  hostname?: string;
  /** The app directory (holding `.next`); default the working directory. */
  dir?: string;
};

/**
 * How long (ms) an idle keep-alive connection stays open: longer than the clients and proxies in
 * front keep theirs (a load balancer's 60 s idle timeout, Playwright's request context), so the
 * server is never the side that closes a connection a client is just reusing. With Node's default
 * of 5 s, a client that paused about 5 s sent its next request into a socket being closed and got
 * ECONNRESET (seen in CI: e2e/ui/audit.spec.ts, a GET after 5 s of page work).
 * headersTimeout must exceed it (Node's rule).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Replaces whatever the client sent in PEER_HEADER with the socket's peer address. */
export function markPeer(req: http.IncomingMessage): void {
  delete req.headers[PEER_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_HEADER] = peer;
}

/**
 * Prepares the production build and listens on `port`. Resolves with the listening server once it
 * accepts connections; rejects when the build is missing, the port is taken or
 * OMNI_TRUSTED_PROXIES or a sign-in method's variable is malformed. On SIGTERM / SIGINT it stops
 * accepting connections, writes what is buffered (key usage: lib/system/shutdown.ts) and exits.
 */
export async function serveApp(opts: ServeOptions): Promise<http.Server> {
  trustedProxies(); // a malformed OMNI_TRUSTED_PROXIES stops the start, not each request
  signInMethods(); // so do malformed OMNI_OIDC_* / OMNI_PROXY_AUTH_* / OMNI_REQUIRE_2FA / OMNI_PASSWORD_LOGIN values
  // On PostgreSQL the webhook delivery worker runs in a worker thread of this process (before the
  // app starts, whose instrumentation then finds it running); on SQLite the app starts it in its event loop.
  if (databaseProvider(databaseUrl()) === "postgresql") (await import("../../lib/webhook-delivery/thread")).startWebhookWorkerThread();
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: opts.dir ?? process.cwd(), port: opts.port, hostname: opts.hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const { hotHandlerFor, serveHot } = await import("../../lib/api/hot-lane");
  const compress = appCompression();
  const server = http.createServer((req, res) => {
    markPeer(req);
    compress(req, res, () => {
      const hot = hotHandlerFor(req);
      (hot ? serveHot(req, res, hot) : handle(req, res)).catch((e: unknown) => {
        console.error("request failed:", e instanceof Error ? e.stack : e);
        if (res.writableEnded) return;
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side.", details: {} } }));
      });
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  exitGracefullyOnSignals(() => {
    server.close(); // no new connections; requests in flight finish while the hooks run
    server.closeIdleConnections?.();
  });
  return server;
}
