// Key usage (last used, count, requests per hour) buffered in memory and written in batches,
// so a request never waits on a usage write. What is still buffered when the process is told to
// stop (SIGTERM / SIGINT) is written before it exits (lib/system/shutdown.ts).
import "server-only";
import { prisma } from "../db";
import { onShutdown } from "../system/shutdown";

type Pending = { count: number; lastAt: Date; lastIp: string | null; hours: Map<number, number> };
const g = globalThis as unknown as { omniKeyUsage?: Map<string, Pending>; omniKeyUsageTimer?: NodeJS.Timeout };
const pending = (g.omniKeyUsage ??= new Map());
const FLUSH_MS = Number(process.env.OMNI_USAGE_FLUSH_MS) || 5_000;

export function recordKeyUse(keyId: string, ip: string | null, at = new Date()) {
  let p = pending.get(keyId);
  if (!p) pending.set(keyId, (p = { count: 0, lastAt: at, lastIp: ip, hours: new Map() }));
  p.count++;
  p.lastAt = at;
  p.lastIp = ip;
  const hour = Math.floor(at.getTime() / 3_600_000) * 3_600_000;
  p.hours.set(hour, (p.hours.get(hour) ?? 0) + 1);
  if (!g.omniKeyUsageTimer) {
    g.omniKeyUsageTimer = setInterval(() => void flushKeyUsage().catch(() => {}), FLUSH_MS);
    g.omniKeyUsageTimer.unref?.();
    onShutdown("key-usage", flushKeyUsage);
  }
}

/** Writes the buffered usage (one transaction per key); resolves with the number of keys written. */
export async function flushKeyUsage(): Promise<number> {
  if (!pending.size) return 0;
  const batch = [...pending.entries()];
  pending.clear();
  for (const [keyId, p] of batch) {
    try {
      await prisma.$transaction([
        prisma.apiKey.updateMany({
          where: { id: keyId },
          data: { usageCount: { increment: p.count }, lastUsedAt: p.lastAt, lastUsedIp: p.lastIp },
        }),
        ...[...p.hours].map(([hour, count]) =>
          prisma.apiKeyUsage.upsert({
            where: { keyId_hour: { keyId, hour: new Date(hour) } },
            create: { keyId, hour: new Date(hour), count },
            update: { count: { increment: count } },
          }),
        ),
      ]);
    } catch {
      // the key was deleted meanwhile: its usage goes with it
    }
  }
  return batch.length;
}

/** Usage recorded in this process but not yet written (so reads are never behind the batch). */
export function pendingUsageOf(keyId: string): { count: number; lastAt: Date; lastIp: string | null; hours: Map<number, number> } | undefined {
  return pending.get(keyId);
}

/** Drops buffered usage of a deleted key. */
export function forgetKeyUsage(keyId: string) {
  pending.delete(keyId);
}
