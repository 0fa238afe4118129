// Retention of personal data in the audit trail: with OMNI_AUDIT_RETENTION_DAYS set, a job (one
// process per deployment, lib/system/leader.ts) destroys the data keys of days older than that, so
// the personal fields of older snapshots read "[erased]" while the chain still verifies. Audited
// `audit.retention` (by "system") whenever it destroys something.
import "server-only";
import { prisma } from "../db";
import { systemPrincipal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { startLeaderLoop, type LeaderLoop } from "../system/leader";
import { destroyKeysBefore, utcDay } from "./data-keys";
import { flushErasedPages } from "./flush-erased-pages";

const DAY_MS = 86_400_000;

/** OMNI_AUDIT_RETENTION_DAYS as a whole number of days ≥ 1; null when unset. Throws when malformed. */
export function retentionDays(env: string | undefined = process.env.OMNI_AUDIT_RETENTION_DAYS): number | null {
  if (env === undefined || env.trim() === "") return null;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1) throw new Error(`OMNI_AUDIT_RETENTION_DAYS must be a whole number of days (1 or more), not "${env}".`);
  return n;
}

/**
 * Destroys the data keys of every UTC day before `now − days` (so a personal field is erased between
 * `days` and `days + 1` days after its event). Returns `{ beforeDay, destroyedKeys, auditEventId }`;
 * writes the audit event only when keys were destroyed (auditEventId null otherwise).
 */
export async function applyAuditRetention(days: number, now: Date = new Date()) {
  const beforeDay = utcDay(new Date(now.getTime() - days * DAY_MS));
  const out = await prisma.$transaction(async (tx) => {
    const destroyedKeys = await destroyKeysBefore(tx, beforeDay);
    if (!destroyedKeys) return { beforeDay, destroyedKeys, auditEventId: null };
    const event = await writeAudit(tx, systemPrincipal("audit retention"), {
      action: "audit.retention", targetType: "auditEvent", targetId: null,
      reason: `Personal fields of audit events older than ${days} days erased (OMNI_AUDIT_RETENTION_DAYS).`,
      after: { beforeDay, destroyedKeys, retentionDays: days },
    });
    return { beforeDay, destroyedKeys, auditEventId: event.id };
  });
  if (out.destroyedKeys) await flushErasedPages(); // the destroyed keys' old pages out of the SQLite file
  return out;
}

const g = globalThis as unknown as { omniRetentionLoop?: LeaderLoop | null };

/** Starts the hourly retention job in this process (once) when OMNI_AUDIT_RETENTION_DAYS is set. */
export function startAuditRetention(): LeaderLoop | null {
  if (g.omniRetentionLoop !== undefined) return g.omniRetentionLoop;
  const days = retentionDays();
  g.omniRetentionLoop = days === null ? null : startLeaderLoop({
    name: "audit-retention", intervalMs: 3_600_000, tick: async () => void (await applyAuditRetention(days)),
  });
  return g.omniRetentionLoop;
}
