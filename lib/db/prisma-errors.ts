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

/** True for a foreign key violation (P2003, or SQLSTATE 23503 under a raw query). */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "P2003" || (code === "P2010" && sqlState(e) === "23503");
}

/**
 * Known Prisma request errors as contract errors: conflicts and missing rows that come from the
 * caller's input, and a transaction that lost a race (P2034 write conflict or deadlock, or a raw
 * query failing with SQLSTATE 40001 / 40P01) as 409 `CONFLICT` with `details.retryable: true`.
 * Anything else: null (the caller answers 500 without internals).
 */
export function fromPrismaError(e: unknown): AppError | null {
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
