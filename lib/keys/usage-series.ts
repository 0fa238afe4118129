// Requests per hour of one key (the usage chart): stored hourly counts plus what this process
// has buffered but not yet written, with empty hours filled in.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { findManagedKey, keyView } from "./key-records";
import { pendingUsageOf } from "./usage-buffer";

const HOUR = 3_600_000;

/** Hourly request counts of a key (`keys:read`); 404 when unknown or beyond a restricted caller. */
export async function keyUsageSeries(p: Principal, id: string, opts: { hours?: number; now?: Date } = {}) {
  requireScope(p, "keys:read");
  const key = keyView(await findManagedKey(p, id));
  const hours = opts.hours ?? 24 * 7;
  const end = Math.floor((opts.now ?? new Date()).getTime() / HOUR) * HOUR; // start of the current hour
  const start = end - (hours - 1) * HOUR;
  const rows = await prisma.apiKeyUsage.findMany({
    where: { keyId: id, hour: { gte: new Date(start) } },
    select: { hour: true, count: true },
  });
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.hour.getTime(), r.count);
  for (const [h, c] of pendingUsageOf(id)?.hours ?? []) if (h >= start) counts.set(h, (counts.get(h) ?? 0) + c);
  const series = Array.from({ length: hours }, (_, i) => {
    const h = start + i * HOUR;
    return { hour: new Date(h).toISOString(), count: counts.get(h) ?? 0 };
  });
  return {
    keyId: id,
    from: new Date(start).toISOString(),
    hours: series,
    total: series.reduce((a, b) => a + b.count, 0),
    usageCount: key.usageCount,
    lastUsedAt: key.lastUsedAt,
    lastUsedIp: key.lastUsedIp,
  };
}
