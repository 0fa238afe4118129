import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";

export const GET = apiRoute(async ({ principal: p }) =>
  ok({ type: p.type, id: p.id, name: p.name, scopes: p.scopes, instanceIds: p.instanceIds, ...(p.role ? { role: p.role } : {}) }),
);
