import { apiRoute } from "@/lib/api/handler";
import { list } from "@/lib/api/responses";
import { auditListQuerySchema } from "@/lib/audit/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { listAudit } from "@/lib/audit/read-audit";
import { auditExportStream } from "@/lib/audit/export-audit";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" } as const;

export const GET = apiRoute(async ({ principal, query }) => {
  const q = parseInput(auditListQuerySchema, searchParamsObject(query), "Invalid query.");
  if (q.format === "json") return list(await listAudit(principal, q));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(auditExportStream(principal, q, q.format), {
    headers: {
      "Content-Type": TYPES[q.format],
      "Content-Disposition": `attachment; filename="omni-audit-${stamp}.${q.format}"`,
      "Cache-Control": "no-store",
    },
  });
});
