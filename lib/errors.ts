// Typed errors with stable codes; the API layer maps each to one HTTP status (see errorStatus).
export type ErrorCode =
  | "VALIDATION_ERROR"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_ERROR";

export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

/**
 * Marks an AppError whichever copy of this module made it: the app server's script and Next's
 * bundle each load lib/ (lib/api/hot-lane.ts), and an error from a shared object (the route
 * resolver on globalThis) may come from the other copy, which `instanceof` alone would not see.
 */
const APP_ERROR = Symbol.for("omni.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const validationError = (message: string, fields: Record<string, string[]> = {}) =>
  new AppError("VALIDATION_ERROR", message, { fields });
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found.`);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("CONFLICT", message, details);
export const forbidden = (message: string, details?: Record<string, unknown>) => new AppError("FORBIDDEN", message, details);
export const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);

/** True for an AppError made by any copy of this module (see APP_ERROR). */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === "object" && e !== null && (e as { [APP_ERROR]?: unknown })[APP_ERROR] === true);
}
