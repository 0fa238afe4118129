// The instance restriction, decided in one place (API.md "Instance restriction, completed"). An
// API key may be restricted to some instances (Principal.instanceIds); an unrestricted principal
// (null) passes every check here. Every service asks this module — never `instanceIds` itself —
// whether the principal may see or manage a record:
//   - a row on an instance (route, chat, identity, instance): that instance is the principal's;
//   - a person: one of its identities is on the principal's instances (lib/persons visiblePersons);
//   - an API key: its instance set is inside the principal's (never an unrestricted key);
//   - a global record (agent, user): readable, but created, changed or deleted only unrestricted;
//   - an audit event: ANY of its subjects is visible; reverting it needs EVERY subject inside.
// The checks are pure; the Prisma fragments say the same for lists.
import type { Prisma } from "../generated/prisma/client";
import { forbidden } from "../errors";
import type { Principal } from "./principal";

/** What an audit event recorded about one subject when it was written (AuditSubject rows). */
export type AuditSubjectScope = { subjectType: string; instanceIds: string[] };

const restrictedTo = (p: Principal): Set<string> | null => (p.instanceIds === null ? null : new Set(p.instanceIds));

/** Is `instanceId` one of the principal's instances (always, when unrestricted)? */
export function canSeeInstance(p: Principal, instanceId: string): boolean {
  return p.instanceIds === null || p.instanceIds.includes(instanceId);
}

/** Prisma `where` fragment limiting rows with an `instanceId` column to the principal's instances. */
export function instanceFilter(p: Principal): { instanceId?: { in: string[] } } {
  return p.instanceIds === null ? {} : { instanceId: { in: p.instanceIds } };
}

/**
 * A list filtered on `instanceId` (`?instance=`) or a write naming it: outside the principal's
 * restriction is a 403 `FORBIDDEN` with `details.instanceId`. Nothing to check when absent.
 */
export function requireInstance(p: Principal, instanceId: string | null | undefined): void {
  if (instanceId && !canSeeInstance(p, instanceId)) {
    throw forbidden("This API key is restricted to other instances.", { instanceId });
  }
}

/**
 * Global records (agents, users; new instances) are created, changed and deleted only by an
 * unrestricted principal: otherwise 403 `FORBIDDEN`, the message naming `action` ("create agents").
 */
export function requireUnrestricted(p: Principal, action: string): void {
  if (p.instanceIds !== null) {
    throw forbidden(`An instance-restricted API key cannot ${action}.`, { reason: "instance-restricted" });
  }
}

/**
 * May the principal see and manage an API key with these instances (`null` or `[]` = every
 * instance)? Only when the key's set is non-empty and inside the principal's restriction.
 */
export function canManageKey(p: Principal, keyInstanceIds: readonly string[] | null): boolean {
  const mine = restrictedTo(p);
  if (!mine) return true;
  return !!keyInstanceIds && keyInstanceIds.length > 0 && keyInstanceIds.every((i) => mine.has(i));
}

/** One audit subject is visible: a key by canManageKey, anything else by one of its instances. */
export function canSeeAuditSubject(p: Principal, s: AuditSubjectScope): boolean {
  const mine = restrictedTo(p);
  if (!mine) return true;
  if (s.subjectType === "apiKey") return canManageKey(p, s.instanceIds);
  return s.instanceIds.some((i) => mine.has(i));
}

/** An audit event is visible when ANY of its subjects is (events with none: unrestricted only). */
export function canSeeAuditEvent(p: Principal, subjects: readonly AuditSubjectScope[]): boolean {
  return p.instanceIds === null || subjects.some((s) => canSeeAuditSubject(p, s));
}

/**
 * Reverting an event rewrites every subject it concerns, so EVERY subject must be inside the
 * restriction: each has instances, all of them the principal's (the rule merges and links follow
 * for the identities they move). An event without subjects: unrestricted only.
 */
export function canRevertAuditEvent(p: Principal, subjects: readonly AuditSubjectScope[]): boolean {
  const mine = restrictedTo(p);
  if (!mine) return true;
  return subjects.length > 0 && subjects.every((s) => s.instanceIds.length > 0 && s.instanceIds.every((i) => mine.has(i)));
}

/** Prisma `where` for the audit events a principal may see (canSeeAuditEvent, in SQL). */
export function visibleAuditEventsWhere(p: Principal): Prisma.AuditEventWhereInput {
  if (p.instanceIds === null) return {};
  const mine = { instanceId: { in: p.instanceIds } };
  return {
    subjects: {
      some: {
        OR: [
          { subjectType: { not: "apiKey" }, instances: { some: mine } },
          { subjectType: "apiKey", instances: { some: {}, every: mine } },
        ],
      },
    },
  };
}
