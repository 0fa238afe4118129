import { AppError } from "../errors";

/** Known Prisma request errors that come from the caller's input, as contract errors. */
export function fromPrismaError(e: unknown): AppError | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !/^P\d{4}$/.test(code)) return null;
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
