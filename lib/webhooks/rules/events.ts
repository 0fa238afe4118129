// Which events a webhook endpoint receives (pure): its `events` are audit action names,
// `prefix.*` (every action of a resource) or `*`. `webhook.test` is sent whatever the filter.
import { AUDIT_ACTIONS } from "../../audit/rules/actions";

/** Event types a delivery can carry: every audit action, and the test event. */
export const TEST_EVENT = "webhook.test";

/** The resource prefixes of the audit actions (`person`, `route`, …), for `prefix.*` patterns. */
export const EVENT_PREFIXES: readonly string[] = [...new Set(AUDIT_ACTIONS.map((a) => a.split(".")[0]))];

/** Why `pattern` is not a valid event pattern, or null when it is. */
export function eventPatternError(pattern: string): string | null {
  if (pattern === "*") return null;
  if (pattern.endsWith(".*")) {
    return EVENT_PREFIXES.includes(pattern.slice(0, -2)) ? null : `Unknown event prefix "${pattern.slice(0, -2)}".`;
  }
  return (AUDIT_ACTIONS as readonly string[]).includes(pattern) ? null : `Unknown event "${pattern}".`;
}

/** Does an endpoint subscribed to `patterns` receive events of type `action`? */
export function matchesEvents(patterns: readonly string[], action: string): boolean {
  if (action === TEST_EVENT) return true;
  return patterns.some((p) => p === "*" || p === action || (p.endsWith(".*") && action.startsWith(p.slice(0, -1))));
}

/**
 * Does endpoint `w` (its patterns and creation time) get an event of type `action` queued at
 * `queuedAt`? Only of a type it subscribes to, and only events queued once it existed.
 */
export function endpointWants(w: { events: readonly string[]; createdAt: Date }, action: string, queuedAt: Date): boolean {
  return w.createdAt <= queuedAt && matchesEvents(w.events, action);
}
