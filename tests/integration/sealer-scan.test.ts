// The sealer's read of what to seal next starts at the chain's head (PostgreSQL). Sealing updates
// each event, and until VACUUM the event's unsealed version stays in the index with a null hash:
// a read from the start of the unsealed range went through every event ever sealed since the
// last VACUUM (7–13 ms per sealer run at 20,000 events, on a server with autovacuum off). The
// statement the sealer runs reads a few index pages whatever the chain's length.
import { describe, expect, it } from "vitest";
import { prisma, dbProvider } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { writeAudit } from "@/lib/audit/write-audit";
import { pendingAfterHead, sealingHorizon } from "@/lib/audit/seal-chain";
import { sealAll } from "../support/seal-all";

const admin = systemPrincipal("sealer-scan-test");

describe.runIf(dbProvider === "postgresql")("audit sealer: the read of unsealed events", () => {
  it("reads from the head's position, not through every sealed event's old version", async () => {
    for (let i = 0; i < 8; i++) {
      await prisma.$transaction(async (tx) => {
        for (let j = 0; j < 250; j++) await writeAudit(tx, admin, { action: "route.update", targetType: "route", targetId: `scan-${i}-${j}` });
      });
    }
    await sealAll();
    const head = await prisma.auditEvent.findFirstOrThrow({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: "desc" }, select: { txid: true, seq: true } });
    const q = pendingAfterHead(head, await sealingHorizon(), 500);
    const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, COSTS OFF) ${q.sql}`, ...q.values);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    const buffers = [...plan.matchAll(/Buffers: shared hit=(\d+)(?: read=(\d+))?/g)].map((m) => Number(m[1]) + Number(m[2] ?? 0));
    // 2,000 events just sealed: reading their old versions took one heap page per few events
    expect(Math.max(...buffers), plan).toBeLessThan(30);
    expect(plan, plan).toMatch(/ROW\(txid, seq\) > ROW\(/);
  });
});
