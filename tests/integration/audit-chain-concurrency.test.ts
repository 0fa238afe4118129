// Concurrent audited writes keep one unbroken hash chain: writers take no lock, the sealer links
// their events after commit (lib/audit/seal-chain.ts).
import { describe, expect, it } from "vitest";
import { systemPrincipal } from "@/lib/auth/principal";
import { createInstance } from "@/lib/catalog/instances";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { sealAll } from "../support/seal-all";
import { prisma } from "@/lib/db";

describe("audit chain under concurrent writes", () => {
  it("stays verifiable when 20 audited writes race", async () => {
    const p = systemPrincipal("concurrency-test");
    const stamp = Date.now().toString(36);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createInstance(p, { name: `race-${stamp}-${i}`, channel: "sms" })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await sealAll();
    const check = await verifyAuditChain();
    expect(check).toMatchObject({ ok: true, unsealed: { count: 0 } });
    expect(check.sealedThrough).toBe(await prisma.auditEvent.count());
  });
});
