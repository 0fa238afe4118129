import { AppError } from "../errors";

/** PostgreSQL's SQLSTATEs for a transaction that lost a race: serialization failure, deadlock. */
const LOST_RACE_SQLSTATES = new Set(["40001", "40P01"]);

/** The SQLSTATE a driver adapter reported under a Prisma error, if any. */
function sqlState(e: unknown): string | undefined {
  const meta = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })?.meta;
  const code = meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === "string" ? code : undefined;
}

/** True for a transaction that lost a race (P2034, or SQLSTATE 40001 / 40P01 under a raw query): worth retrying. */
export function isLostRace(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (code === "P2034") return true;
  const state = code === "P2010" ? sqlState(e) : (e as { cause?: { originalCode?: unknown } })?.cause?.originalCode;
  return typeof state === "string" && LOST_RACE_SQLSTATES.has(state);
}

/**
 * Prisma's codes for a database that cannot serve now, through no fault of the request: can't
 * reach the server (P1001), timed out (P1002, P1008), connection closed (P1017), no connection
 * free in the pool in time (P2024), too many connections (P2037).
 */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/**
 * SQLSTATEs (PostgreSQL, Appendix A) of the same kind under a raw query or from node-postgres:
 * class 08 connection exceptions, 53 insufficient resources (53300 too_many_connections: the
 * server's max_connections, or a role's or database's CONNECTION LIMIT), 57P01–57P03 (the server
 * is shutting down, crashed, or cannot accept connections yet).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[123])$/;

/**
 * True for an error that says the database cannot serve right now rather than that the request
 * is wrong: a Prisma request or initialization error with one of UNAVAILABLE_PRISMA_CODES, a raw
 * query failing with such a SQLSTATE (P2010), or a node-postgres server error of that kind (one
 * with a `severity`: the side pools' queries). Socket errors reach here only through Prisma (as
 * P1001 / P1017 / P1008): a bare ECONNREFUSED may come from anything else (a webhook receiver).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; errorCode?: unknown; severity?: unknown };
  const code = typeof err?.code === "string" ? err.code : typeof err?.errorCode === "string" ? err.errorCode : undefined;
  if (!code) return false;
  if (UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  if (code === "P2010") return UNAVAILABLE_SQLSTATE.test(sqlState(e) ?? "");
  if (/^P\d{4}$/.test(code)) return false;
  return typeof err.severity === "string" && UNAVAILABLE_SQLSTATE.test(code);
}

/** Seconds a client is told to wait (`Retry-After`) when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** True for a foreign key violation (P2003, or SQLSTATE 23503 under a raw query). */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "P2003" || (code === "P2010" && sqlState(e) === "23503");
}

/**
 * Known Prisma request errors as contract errors: conflicts and missing rows that come from the
 * caller's input, and a transaction that lost a race (P2034 write conflict or deadlock, or a raw
 * query failing with SQLSTATE 40001 / 40P01) as 409 `CONFLICT` with `details.retryable: true`.
 * A database that cannot serve now (isDatabaseUnavailable: too many connections, unreachable,
 * restarting) is 503 `SERVICE_UNAVAILABLE` with `details.retryable: true` and
 * `details.retryAfter` (seconds; errorResponse sends it as `Retry-After`): the request was fine
 * and a retry may succeed, which a 500 would not say.
 * Anything else: null (the caller answers 500 without internals).
 */
export function fromPrismaError(e: unknown): AppError | null {
  if (isDatabaseUnavailable(e)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is busy or unreachable right now. Try again shortly.", {
      retryable: true,
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !/^P\d{4}$/.test(code)) return null;
  if (isLostRace(e)) {
    return new AppError("CONFLICT", "This change raced another one and could not be applied. Try again.", { retryable: true });
  }
  switch (code) {
    case "P2002":
      return new AppError("CONFLICT", "A record with these values already exists.");
    case "P2003":
    case "P2014":
      return new AppError("CONFLICT", "This change conflicts with related records.");
    case "P2025":
      return new AppError("NOT_FOUND", "Record not found.");
    default:
      return null;
  }
}
