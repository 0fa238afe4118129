// `import { OmniClient } from "@/lib/client"` — the typed HTTP client of the Omni Admin API.
export { OmniClient, DEFAULT_API_URL, type OmniClientOptions } from "./omni-client";
export { OmniApiError, isOmniApiError, type OmniErrorCode } from "./errors";
export {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  nextRetryDelayMs,
  outcomeForStatus,
  parseRetryAfter,
  type AttemptOutcome,
  type RetryPolicy,
} from "./retry";
export type * from "./types";
