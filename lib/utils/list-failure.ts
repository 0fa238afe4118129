// What a list page shows when loading the page its address names fails: the user's own mistake
// (a bad filter or a stale cursor: the AppError's message and field hints) or a plain "could not
// load" for anything else (logged; no internal detail reaches the page).
import { isAppError } from "../errors";
import { log } from "../log";

export type ListFailure = { title: string; detail: string; retryable: boolean };

/** `what` e.g. "Search" or "The audit log"; `e` whatever the list call threw. */
export function listFailure(what: string, e: unknown): ListFailure {
  if (isAppError(e) && e.status < 500) {
    const fields = (e.details?.fields ?? {}) as Record<string, string[]>;
    const hints = Object.values(fields).flat();
    return { title: `${what} could not run: ${e.message.replace(/\.$/, "")}.`, detail: hints.join(" ") || "Change the filters and try again.", retryable: false };
  }
  log.error("list page failed", { what, error: e instanceof Error ? e.message : String(e) });
  return { title: `${what} failed on the server.`, detail: "Nothing was changed. Try again in a moment; if it keeps failing, the server log has the details.", retryable: true };
}

/**
 * Runs `load` (a list call) and returns `{ page }`, or `{ failure }` (see listFailure) when it
 * throws; `empty` stands in for the page then.
 */
export async function loadList<T>(what: string, empty: T, load: () => Promise<T>): Promise<{ page: T; failure: ListFailure | null }> {
  try {
    return { page: await load(), failure: null };
  } catch (e) {
    return { page: empty, failure: listFailure(what, e) };
  }
}

/** A zod issue list as the `details.fields` of a validation error (`{ "cursor": ["…"] }`). */
export function issueFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const i of issues) (fields[i.path.map(String).join(".") || "query"] ??= []).push(i.message);
  return fields;
}
