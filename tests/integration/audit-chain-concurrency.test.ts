// Concurrent audited writes keep one unbroken hash chain (on PostgreSQL this needs the chain lock
// in writeAudit; on SQLite writes are serialised by the database).
import { describe, expect, it } from "vitest";
import { systemPrincipal } from "@/lib/auth/principal";
import { createInstance } from "@/lib/catalog/instances";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

describe("audit chain under concurrent writes", () => {
  it("stays verifiable when 20 audited writes race", async () => {
    const p = systemPrincipal("concurrency-test");
    const stamp = Date.now().toString(36);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createInstance(p, { name: `race-${stamp}-${i}`, channel: "sms" })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const check = await verifyAuditChain();
    expect(check.ok).toBe(true);
  });
});
