// Strong entity tags for single resources, and the If-Match precondition (RFC 9110 §8.8.3, §13.1.1).
//
// A tag is `"<version>.<state>"`: both parts are base64url SHA-256 digests of the canonical JSON
// (sorted keys, dates as ISO strings) of the resource as the API shows it. `state` covers the
// whole JSON, so the tag changes whenever the JSON does. `version` leaves out what moves without
// anyone editing the resource (a key's usage, a user's sessions, an identity's first/last seen
// times and message count, a webhook's `failingSince` set by failed deliveries, and the `updatedAt`
// those bump): If-Match compares versions, so using a key, a chat message or a failed delivery does
// not make an edit stale. (A value changed and changed back matches
// again: the resource is then what the client loaded, so nothing it did not see is overwritten.)
import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/rules/canonical-json";
import { AppError } from "../errors";

/** Fields (at any depth) that are live counters rather than edited state. */
export const VOLATILE_FIELDS = ["updatedAt", "lastUsedAt", "lastUsedIp", "usageCount", "activeSessions", "lastSignInAt", "messageCount", "firstSeenAt", "lastSeenAt", "failingSince"] as const;

/** A parsed If-Match header: null when absent, "*" for any, else the list of tags (quotes included). */
export type IfMatch = null | "*" | string[];

const digest = (text: string) => createHash("sha256").update(text).digest("base64url");

function withoutVolatile(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(withoutVolatile);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !(VOLATILE_FIELDS as readonly string[]).includes(k))
        .map(([k, x]) => [k, withoutVolatile(x)]),
    );
  }
  return v;
}

/** The strong ETag (quoted) of a resource's JSON `view` (as the API serialises it). */
export function etagOf(view: unknown): string {
  return `"${versionOf(view)}.${digest(canonicalJson(view))}"`;
}

/** The version part of `view`'s tag (what If-Match compares). */
function versionOf(view: unknown): string {
  return digest(canonicalJson(withoutVolatile(view)));
}

/**
 * Parses an If-Match header value: null when absent or blank, "*" for the wildcard, else the
 * listed entity tags. Weak tags (`W/"…"`) are kept (they never match: If-Match compares strongly);
 * unquoted garbage is kept as given, so it matches nothing and the request gets 412.
 */
export function parseIfMatch(header: string | null | undefined): IfMatch {
  if (header === null || header === undefined || !header.trim()) return null;
  if (header.trim() === "*") return "*";
  const tags = header.match(/(?:W\/)?"[^"]*"|[^\s,]+/g) ?? [];
  return tags;
}

/** Whether the precondition holds for a resource whose current JSON is `view`. */
export function ifMatchHolds(cond: IfMatch, view: unknown): boolean {
  if (cond === null || cond === "*") return true;
  const version = versionOf(view);
  return cond.some((t) => {
    const m = /^"([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+"$/.exec(t); // strong only
    return !!m && m[1] === version;
  });
}

/**
 * Throws 412 `PRECONDITION_FAILED` unless `cond` holds for `view` (the resource as read inside the
 * write's transaction); details carry `etag` and `current` (the resource now) so a client can show
 * what changed. A resource that no longer exists is the caller's 404, never checked here.
 */
export function assertIfMatch(cond: IfMatch | undefined, view: unknown): void {
  if (cond === undefined || ifMatchHolds(cond, view)) return;
  throw new AppError("PRECONDITION_FAILED", "This resource changed since you loaded it: reload it, then apply your change again.", {
    etag: etagOf(view),
    current: JSON.parse(JSON.stringify(view)) as unknown,
  });
}
