import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { keyUsageQuerySchema } from "@/lib/keys/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { keyUsageSeries } from "@/lib/keys/usage-series";
import { keyId } from "../key-id";

export const GET = apiRoute<{ id: string }>(async ({ principal, params, query }) =>
  ok(await keyUsageSeries(principal, keyId(params), parseInput(keyUsageQuerySchema, searchParamsObject(query), "Invalid query."))),
);
