// One HTTP attempt of a webhook: signed per Standard Webhooks (the `standardwebhooks` library),
// POSTed with a timeout, redirects not followed, and the destination checked where the connection
// is made (SSRF guard): a literal address, or every address the hostname resolves to, must be
// public unless OMNI_WEBHOOK_ALLOW_PRIVATE=1 — the connection goes to the address that was checked.
import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Webhook } from "standardwebhooks";
import { isNonPublicAddress, privateDestinationsAllowed } from "../webhooks/rules/destination";

/** Response bodies are kept up to this many characters. */
export const RESPONSE_BODY_LIMIT = 16_384;

export type SendRequest = {
  url: string;
  /** `webhook-id`: the same for every attempt of one event (receivers deduplicate on it) */
  msgId: string;
  payload: string;
  /** current secret first; the previous one during a rotation overlap */
  secrets: string[];
  /** default OMNI_WEBHOOK_TIMEOUT_MS, else 10 000 */
  timeoutMs?: number;
  allowPrivate?: boolean;
  now?: Date;
};

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number; responseBody: string | null };

/** The timeout of one attempt (ms): OMNI_WEBHOOK_TIMEOUT_MS, default 10 000. */
export const sendTimeoutMs = (): number => {
  const v = Number(process.env.OMNI_WEBHOOK_TIMEOUT_MS ?? "10000");
  return Number.isFinite(v) && v > 0 ? v : 10_000;
};

/** The Standard Webhooks headers for `payload`: one `v1,…` signature per secret, space-separated. */
export function signedHeaders(msgId: string, payload: string, secrets: string[], at: Date): Record<string, string> {
  const signature = secrets.map((s) => new Webhook(s).sign(msgId, at, payload)).join(" ");
  return {
    "content-type": "application/json",
    "user-agent": "Omni-Admin-Webhooks/1",
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

class RefusedDestination extends Error {}

/** Idle keep-alive connections are closed after this long (ms): under the 5 s most servers keep them. */
const IDLE_MS = 4000;
const agents = new Map<string, http.Agent>();

/**
 * The keep-alive agent for `protocol` (one per SSRF setting: a connection made to a private
 * address that was allowed is never reused where it would not be). A connection is checked when
 * it is made (guardedLookup) and then reused while it stays open, so a delivery costs no new TCP
 * (or TLS) handshake — the receiver's and ours.
 */
function agentFor(protocol: string, allowPrivate: boolean): http.Agent {
  const key = `${protocol}|${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 8, timeout: IDLE_MS };
    agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** dns.lookup that refuses non-public addresses (when not allowed), for http.request's `lookup`. */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (bad) return callback(new RefusedDestination(`Refused: ${hostname} resolves to the non-public address ${bad.address}.`), "", 0);
      if (!list.length) return callback(new Error(`No address for ${hostname}.`), "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Sends one signed attempt. Never throws: a refused destination, a transport error, a timeout or a
 * non-2xx answer (a redirect included) come back as `ok: false` with `error` / `statusCode`.
 */
export async function sendWebhook(req: SendRequest): Promise<SendResult> {
  const started = Date.now();
  const allowPrivate = req.allowPrivate ?? privateDestinationsAllowed();
  const timeoutMs = req.timeoutMs ?? sendTimeoutMs();
  const done = (r: Omit<SendResult, "durationMs">): SendResult => ({ ...r, durationMs: Date.now() - started });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return done({ ok: false, statusCode: null, error: "Not a valid URL.", responseBody: null });
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && net.isIP(host) && isNonPublicAddress(host)) {
    return done({ ok: false, statusCode: null, error: `Refused: ${host} is not a public address.`, responseBody: null });
  }
  const headers = signedHeaders(req.msgId, req.payload, req.secrets, req.now ?? new Date());
  const lib = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const request = lib.request(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(req.payload) }, lookup: guardedLookup(allowPrivate), agent: agentFor(url.protocol, allowPrivate) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (body.length < RESPONSE_BODY_LIMIT) body += chunk.slice(0, RESPONSE_BODY_LIMIT - body.length);
      });
      const end = () => {
        const code = res.statusCode ?? 0;
        const ok = code >= 200 && code < 300;
        const error = ok ? null : code >= 300 && code < 400 ? `Redirect (${code}) not followed.` : `HTTP ${code}.`;
        finish({ ok, statusCode: code, error, responseBody: body });
      };
      res.on("end", end);
      res.on("error", (e) => finish({ ok: false, statusCode: res.statusCode ?? null, error: e.message, responseBody: body }));
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, statusCode: null, error: `Timed out after ${timeoutMs} ms.`, responseBody: null });
    }, timeoutMs);
    request.on("error", (e) => finish({ ok: false, statusCode: null, error: e.message, responseBody: null }));
    request.end(req.payload);
  });
}
