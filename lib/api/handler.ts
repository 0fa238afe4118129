// The one wrapper every /api/v1 handler goes through: request id, authentication (Bearer key or
// session; a session writes only same-origin and as JSON: session-writes.ts), per-minute rate
// limit with X-RateLimit-* headers, body parsing with a 1 MiB cap, and every thrown error turned
// into the contract's error shape. Authorization is the services' job.
import "server-only";
import type { NextRequest } from "next/server";
import { randomUUID } from "node:crypto";
import { getToken } from "next-auth/jwt";
import { AppError, forbidden, isAppError, unauthenticated, validationError } from "../errors";
import { verifyApiKey } from "../auth/key-verifier";
import { authSecret } from "../auth/secret";
import type { Principal } from "../auth/principal";
import { authorizeEndpoint } from "../openapi/scope-index";
import { resolveSession } from "../sessions/session-state";
import { principalOfSession } from "../sessions/session-principal";
import { consumeRate, DEFAULT_KEY_RATE_LIMIT, SESSION_RATE_LIMIT } from "./rate-limit";
import { errorResponse, jsonText } from "./responses";
import { recordKeyUse } from "../keys/usage-buffer";
import { log } from "../log";
import { fromPrismaError } from "../db/prisma-errors";
import { flushChangeBus } from "../events/change-bus";
import { claimIdempotencyKey, requestFingerprint, type Claim } from "./idempotency";
import { nulCharacterFields } from "../schemas/nul-characters";
import { clientAddress } from "../security/client-address";
import { assertSessionWriteAllowed } from "./session-writes";

export const MAX_BODY_BYTES = 1024 * 1024;

export type ApiContext<P> = {
  req: NextRequest;
  principal: Principal;
  params: P;
  requestId: string;
  /** The parsed JSON body ({} when empty). */
  body: () => Promise<unknown>;
  query: URLSearchParams;
};

type Options = { auth?: boolean };

function requestIdOf(req: NextRequest): string {
  const given = req.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** The caller's address (lib/security/client-address.ts decides it), or null when unknown. */
export function clientIp(req: NextRequest): string | null {
  return clientAddress(req.headers);
}

async function authenticate(req: NextRequest): Promise<Principal> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw unauthenticated("Malformed Authorization header: expected \"Bearer <api key>\".");
    return verifyApiKey(m[1]);
  }
  const token = await getToken({ req, secret: authSecret() }).catch(() => null);
  if (token) {
    assertSessionWriteAllowed(req); // the cookie rides along on other sites' requests too
    // The cookie only names the session; whether it still works, and as whom, is read fresh.
    const user = await resolveSession(token.sid, token.sub);
    if (!user) throw unauthenticated("Session ended: sign in again.");
    if (user.twoFactorDue && !/^\/api\/v1\/(?:account|auth)(?:\/|$)/.test(req.nextUrl.pathname)) {
      throw forbidden("Two-factor sign-in is required for your role: turn it on from your account page first.", { reason: "two-factor-enrolment-required" });
    }
    return principalOfSession(user);
  }
  throw unauthenticated("Missing API key: send Authorization: Bearer <api key>.");
}

async function readBodyText(req: NextRequest): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body is larger than 1 MiB.");
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", "Request body is larger than 1 MiB.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): unknown {
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw validationError("Malformed JSON body.", { _: ["Body is not valid JSON."] });
  }
  const nul = nulCharacterFields(body);
  if (nul) throw validationError("Text must not contain NUL characters.", nul);
  return body;
}

export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  opts: Options = {},
) {
  const needsAuth = opts.auth !== false;
  return async (req: NextRequest, routeCtx: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdOf(req);
    const headers = new Headers({ "X-Request-Id": requestId });
    let res: Response | undefined;
    let claim: Extract<Claim, { kind: "fresh" }> | undefined;
    let bodyText: Promise<string> | undefined;
    const text = () => (bodyText ??= readBodyText(req));
    try {
      const ip = clientIp(req);
      let principal: Principal = { type: "system", id: "anonymous", name: "anonymous", scopes: [], instanceIds: null };
      if (needsAuth) {
        principal = await authenticate(req);
        const limit = principal.type === "apiKey" ? principal.rateLimit ?? DEFAULT_KEY_RATE_LIMIT : SESSION_RATE_LIMIT;
        const rate = await consumeRate(`${principal.type}:${principal.id}`, limit);
        headers.set("X-RateLimit-Limit", String(rate.limit));
        headers.set("X-RateLimit-Remaining", String(rate.remaining));
        headers.set("X-RateLimit-Reset", String(rate.resetSeconds));
        if (!rate.allowed) {
          headers.set("Retry-After", String(rate.resetSeconds));
          throw new AppError("RATE_LIMITED", `Rate limit of ${rate.limit} requests per minute exceeded.`, {
            retryAfter: rate.resetSeconds,
          });
        }
        if (principal.type === "apiKey") recordKeyUse(principal.id, ip);
        authorizeEndpoint(principal, req.method, req.nextUrl.pathname);
      }
      principal.requestId = requestId;
      principal.ip = ip;
      principal.userAgent = req.headers.get("user-agent");
      const idemKey = req.headers.get("idempotency-key");
      if (needsAuth && req.method === "POST" && idemKey !== null) {
        const fingerprint = requestFingerprint(req.method, req.nextUrl.pathname + req.nextUrl.search, await text());
        const c = await claimIdempotencyKey(principal, idemKey, fingerprint);
        if (c.kind === "replay") {
          res = jsonText(c.body, { status: c.status, headers: { "Idempotent-Replayed": "true" } });
        } else claim = c;
      }
      if (!res) {
        const params = (await routeCtx?.params) ?? ({} as P);
        res = await handler({
          req,
          principal,
          params,
          requestId,
          body: async () => parseBody(await text()),
          query: req.nextUrl.searchParams,
        });
      }
    } catch (e) {
      const known = isAppError(e) ? e : fromPrismaError(e);
      if (known) res = errorResponse(known);
      else {
        log.error("unhandled API error", { requestId, path: req.nextUrl.pathname, error: e instanceof Error ? e.stack : String(e) });
        res = errorResponse(new AppError("INTERNAL_ERROR", "Something went wrong on our side. Quote the request id when reporting it.", { requestId }));
      }
    }
    if (claim) {
      // the first response is kept (errors included, except 5xx) for repeats of this request
      const finished = res;
      res = await claim.finish(finished).catch((e) => {
        log.error("idempotency record not saved", { requestId, error: e instanceof Error ? e.message : String(e) });
        return finished;
      });
    }
    // Other app processes hear about this request's changes before its caller does.
    await flushChangeBus();
    headers.forEach((v, k) => res.headers.set(k, v));
    return res;
  };
}
