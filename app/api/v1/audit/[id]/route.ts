import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { getAuditEvent } from "@/lib/audit/read-audit";

export const GET = apiRoute<{ id: string }>(async ({ principal, params }) => ok(await getAuditEvent(principal, idParam(params.id, "Audit event"))));
