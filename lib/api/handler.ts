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

/** What the pipeline needs of a request, whichever server received it (Next, or the app's own server: hot-lane.ts). */
export type ApiRequest = {
  method: string;
  /** The path, e.g. "/api/v1/routes/test" (no query). */
  pathname: string;
  /** The query, "" or starting with "?". */
  search: string;
  /** The full URL as the server saw it (the session-write origin check compares its host). */
  url: string;
  headers: { get(name: string): string | null };
  /** The raw body as UTF-8 text; AppError PAYLOAD_TOO_LARGE (413) over MAX_BODY_BYTES. Called at most once. */
  readText(): Promise<string>;
  /** The session cookie's decoded token (next-auth JWT), or null when there is none. */
  sessionToken(): Promise<{ sid?: unknown; sub?: unknown } | null>;
};

/** What every handler gets, on either server. */
export type BaseContext = {
  principal: Principal;
  requestId: string;
  /** The parsed JSON body ({} when empty). */
  body: () => Promise<unknown>;
  query: URLSearchParams;
};

export type ApiContext<P> = BaseContext & {
  req: NextRequest;
  params: P;
};

type Options = { auth?: boolean };

function requestIdOf(req: ApiRequest): string {
  const given = req.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

async function authenticate(req: ApiRequest): Promise<Principal> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw unauthenticated("Malformed Authorization header: expected \"Bearer <api key>\".");
    return verifyApiKey(m[1]);
  }
  const token = await req.sessionToken().catch(() => null);
  if (token) {
    assertSessionWriteAllowed(req); // the cookie rides along on other sites' requests too
    // The cookie only names the session; whether it still works, and as whom, is read fresh.
    const user = await resolveSession(token.sid as string | undefined, token.sub as string | undefined);
    if (!user) throw unauthenticated("Session ended: sign in again.");
    if (user.twoFactorDue && !/^\/api\/v1\/(?:account|auth)(?:\/|$)/.test(req.pathname)) {
      throw forbidden("Two-factor sign-in is required for your role: turn it on from your account page first.", { reason: "two-factor-enrolment-required" });
    }
    return principalOfSession(user);
  }
  throw unauthenticated("Missing API key: send Authorization: Bearer <api key>.");
}

/** AppError PAYLOAD_TOO_LARGE (413) when the declared Content-Length is over MAX_BODY_BYTES. */
export function assertDeclaredLength(headers: ApiRequest["headers"]): void {
  if (Number(headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
}

/** AppError PAYLOAD_TOO_LARGE (413): the body went over MAX_BODY_BYTES. */
export const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "Request body is larger than 1 MiB.");

async function readBodyText(req: NextRequest): Promise<string> {
  assertDeclaredLength(req.headers);
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
      throw tooLarge();
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

/**
 * Runs one API request through the pipeline (see the top of this file) and answers it: `run` gets
 * the authenticated principal and the body, and returns the response. Never throws; every error
 * becomes the contract's error shape (500 without internals for an unknown one).
 */
export async function handleApiRequest(
  req: ApiRequest,
  run: (ctx: BaseContext) => Promise<Response>,
  opts: Options = {},
): Promise<Response> {
  const needsAuth = opts.auth !== false;
  const requestId = requestIdOf(req);
  const headers = new Headers({ "X-Request-Id": requestId });
  let res: Response | undefined;
  let claim: Extract<Claim, { kind: "fresh" }> | undefined;
  let bodyText: Promise<string> | undefined;
  const text = () => (bodyText ??= req.readText());
  try {
    const ip = clientAddress(req.headers);
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
      authorizeEndpoint(principal, req.method, req.pathname);
    }
    principal.requestId = requestId;
    principal.ip = ip;
    principal.userAgent = req.headers.get("user-agent");
    const idemKey = req.headers.get("idempotency-key");
    if (needsAuth && req.method === "POST" && idemKey !== null) {
      const fingerprint = requestFingerprint(req.method, req.pathname + req.search, await text());
      const c = await claimIdempotencyKey(principal, idemKey, fingerprint);
      if (c.kind === "replay") {
        res = jsonText(c.body, { status: c.status, headers: { "Idempotent-Replayed": "true" } });
      } else claim = c;
    }
    res ??= await run({
      principal,
      requestId,
      body: async () => parseBody(await text()),
      query: new URLSearchParams(req.search),
    });
  } catch (e) {
    const known = isAppError(e) ? e : fromPrismaError(e);
    if (known) res = errorResponse(known);
    else {
      log.error("unhandled API error", { requestId, path: req.pathname, error: e instanceof Error ? e.stack : String(e) });
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
}

/** A NextRequest as the pipeline's ApiRequest. */
function fromNextRequest(req: NextRequest): ApiRequest {
  return {
    method: req.method,
    pathname: req.nextUrl.pathname,
    search: req.nextUrl.search,
    url: req.url,
    headers: req.headers,
    readText: () => readBodyText(req),
    sessionToken: () => getToken({ req, secret: authSecret() }),
  };
}

/** A Next route handler (app/api/v1/**\/route.ts) running `handler` through the pipeline. */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  opts: Options = {},
) {
  return async (req: NextRequest, routeCtx: { params: Promise<P> }): Promise<Response> =>
    handleApiRequest(
      fromNextRequest(req),
      async (ctx) => handler({ ...ctx, req, params: (await routeCtx?.params) ?? ({} as P) }),
      opts,
    );
}
