import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { keyUsageQuerySchema } from "@/lib/keys/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { keyUsageSeries } from "@/lib/keys/usage-series";

export const GET = apiRoute<{ id: string }>(async ({ principal, params, query }) =>
  ok(await keyUsageSeries(principal, idParam(params.id, "API key"), parseInput(keyUsageQuerySchema, searchParamsObject(query), "Invalid query."))),
);
