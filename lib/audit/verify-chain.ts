// Walks the audit chain in order and names the first event that does not verify.
import "server-only";
import { prisma } from "../db";
import { auditHash, type HashableAuditEvent } from "./rules/hash";

export async function verifyAuditChain(batch = 1000) {
  let prev: string | null = null;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: batch });
    if (!rows.length) return { ok: true as const, checked, brokenAt: null };
    for (const e of rows) {
      const problem =
        (e.prevHash ?? null) !== prev ? "previous-hash link does not match"
        : auditHash(e as unknown as HashableAuditEvent) !== e.hash ? "content does not match its hash"
        : null;
      if (problem) return { ok: false as const, checked, brokenAt: { id: e.id, seq: e.seq, problem } };
      prev = e.hash;
      checked++;
      afterSeq = e.seq;
    }
  }
}
