// Streams the filtered audit log as CSV or NDJSON: a ReadableStream that reads PAGE rows at a
// time (keyset on seq), so an export of any size never sits in memory. Only the events the
// principal may see (an instance-restricted key: those concerning its instances).
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { csvRow } from "./rules/csv";
import { auditView, auditWhere, visibleTo, type AuditFilters } from "./read-audit";
import { revealSnapshots } from "../privacy/reveal-personal-fields";

const PAGE = 500;

export const CSV_COLUMNS = [
  "id", "seq", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "reason",
  "requestId", "ip", "userAgent", "before", "after", "prevHash", "hash",
] as const;

export function auditExportStream(p: Principal, filters: AuditFilters, format: "csv" | "ndjson"): ReadableStream<Uint8Array> {
  requireScope(p, "audit:read");
  const where = visibleTo(p, auditWhere(filters));
  const enc = new TextEncoder();
  let beforeSeq: number | null = null;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (format === "csv" && !headerSent) {
        headerSent = true;
        controller.enqueue(enc.encode(csvRow([...CSV_COLUMNS])));
        return;
      }
      const stored = await prisma.auditEvent.findMany({
        where: beforeSeq === null ? where : { AND: [where, { seq: { lt: beforeSeq } }] },
        orderBy: { seq: "desc" },
        take: PAGE,
      });
      // personal fields opened, or "[erased]" where their key was destroyed
      const rows = await revealSnapshots(prisma, stored);
      if (!rows.length) {
        done = true;
        controller.close();
        return;
      }
      beforeSeq = rows[rows.length - 1].seq;
      let chunk = "";
      for (const r of rows) {
        if (format === "ndjson") chunk += `${JSON.stringify(auditView(r))}\n`;
        else {
          chunk += csvRow([
            r.id, r.seq, r.at, r.actorType, r.actorId, r.actorLabel, r.action, r.targetType, r.targetId, r.reason,
            r.requestId, r.ip, r.userAgent,
            r.before === null ? null : JSON.stringify(r.before), r.after === null ? null : JSON.stringify(r.after),
            r.prevHash, r.hash,
          ]);
        }
      }
      controller.enqueue(enc.encode(chunk));
      if (rows.length < PAGE) {
        done = true;
        controller.close();
      }
    },
  });
}
