// Seals until no event is left unsealed. On PostgreSQL the sealer's horizon is server-wide: a
// transaction open in another database of the same server (another test run) can hold it back for
// a moment, so a test that needs everything sealed retries rather than sleeps a fixed time.
import { prisma } from "@/lib/db";
import { sealPending } from "@/lib/audit/seal-chain";

export async function sealAll(timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sealPending();
    if ((await prisma.auditEvent.count({ where: { hash: null } })) === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
