import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { auditRevertSchema } from "@/lib/audit/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { revertAuditEvent } from "@/lib/audit/revert-event";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) => {
  const input = parseInput(auditRevertSchema, await body());
  return ok(await revertAuditEvent(principal, idParam(params.id, "Audit event"), input.reason));
});
