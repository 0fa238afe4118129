// Errors of the typed client: one class for everything a call can end with that is not data.
// `status` is the HTTP status (0 when the server could not be reached at all), `code` the
// contract's error code (VALIDATION_ERROR, UNAUTHENTICATED, NOT_FOUND, RATE_LIMITED, …) or
// UNREACHABLE / BAD_RESPONSE for failures below HTTP.

import type { ErrorCode } from "../errors";

export type OmniErrorCode =
  | ErrorCode // the server's codes (lib/errors.ts)
  | "UNREACHABLE"
  | "BAD_RESPONSE"
  | (string & {});

export class OmniApiError extends Error {
  readonly status: number;
  readonly code: OmniErrorCode;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;
  /** how many attempts were made before giving up */
  readonly attempts: number;

  constructor(init: {
    status: number;
    code: OmniErrorCode;
    message: string;
    details?: Record<string, unknown>;
    requestId?: string | null;
    attempts?: number;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "OmniApiError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
    this.attempts = init.attempts ?? 1;
  }

  /** `details.fields` of a VALIDATION_ERROR: field path → messages. */
  get fields(): Record<string, string[]> {
    const f = this.details.fields;
    return f && typeof f === "object" ? (f as Record<string, string[]>) : {};
  }
}

export function isOmniApiError(e: unknown): e is OmniApiError {
  return e instanceof OmniApiError;
}

/** Builds the error for a non-2xx response from its body (the contract's error shape if present). */
export function errorFromResponse(status: number, body: unknown, requestId: string | null, attempts: number): OmniApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err === "object" && typeof err.code === "string") {
    return new OmniApiError({
      status,
      code: err.code,
      message: typeof err.message === "string" ? err.message : `HTTP ${status}`,
      details: err.details && typeof err.details === "object" ? (err.details as Record<string, unknown>) : {},
      requestId,
      attempts,
    });
  }
  const code =
    status === 400 ? "VALIDATION_ERROR" : status === 401 ? "UNAUTHENTICATED" : status === 403 ? "FORBIDDEN" :
    status === 404 ? "NOT_FOUND" : status === 409 ? "CONFLICT" : status === 429 ? "RATE_LIMITED" :
    status === 503 ? "SERVICE_UNAVAILABLE" : status >= 500 ? "INTERNAL_ERROR" : "BAD_RESPONSE";
  return new OmniApiError({ status, code, message: `The server answered HTTP ${status}.`, requestId, attempts });
}
