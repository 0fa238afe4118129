// A loopback webhook receiver for tests and the bench: records every request (headers, body) and
// answers with what `respond` says (default 204). `verify(secret)` checks a request's Standard
// Webhooks signature with the `standardwebhooks` library, as a real receiver would.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type Received = { headers: Record<string, string>; body: string; at: number };
/** What to answer: a status, or "hang" to never answer (a timeout on the sender's side). */
export type Reply = number | "hang";

export type Receiver = {
  url: string;
  received: Received[];
  respond: (r: Received, n: number) => Reply;
  /** Resolves when `n` requests have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  /** The parsed payload if the request's signature verifies with `secret`; throws otherwise. */
  verify(r: Received, secret: string): unknown;
  close(): Promise<void>;
};

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const hung: http.ServerResponse[] = [];
  const rx: Receiver = {
    url: "",
    received: [],
    respond: () => 204,
    async waitFor(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (rx.received.length < n) {
        if (Date.now() > until) throw new Error(`receiver: ${rx.received.length} of ${n} requests after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return rx.received;
    },
    verify(r, secret) {
      return new Webhook(secret).verify(r.body, r.headers);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const r: Received = { headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body, at: Date.now() };
      rx.received.push(r);
      const reply = rx.respond(r, rx.received.length);
      if (reply === "hang") return void hung.push(res);
      res.writeHead(reply, { "content-type": "text/plain" }).end(`answer ${reply}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return rx;
}
