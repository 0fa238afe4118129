// The CLI's exit codes (../shared/API.md, "CLI omni") and how an error maps to one.
import { isOmniApiError } from "../lib/client/errors";

export const EXIT = {
  OK: 0,
  USAGE: 1,
  AUTH: 2,
  SERVER: 3,
  RATE_LIMITED: 4,
  NOT_FOUND: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem with what the user typed or configured: exit 1, before anything is sent. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly code = "USAGE_ERROR",
  ) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** A failure that is not the server's answer but has a definite exit code (e.g. recover). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly code: string,
  ) {
    super(message);
    this.name = "CliFailure";
  }
}

export function exitCodeForStatus(status: number): ExitCode {
  if (status === 0 || status >= 500) return EXIT.SERVER;
  if (status === 401 || status === 403) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 429) return EXIT.RATE_LIMITED;
  return EXIT.USAGE; // 400, 409, 413 and other refusals of the request as sent
}

export function exitCodeFor(e: unknown): ExitCode {
  if (e instanceof CliUsageError) return EXIT.USAGE;
  if (e instanceof CliFailure) return e.exitCode;
  if (isOmniApiError(e)) return exitCodeForStatus(e.status);
  return EXIT.SERVER;
}
