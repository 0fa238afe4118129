import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { keyRevokeSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { revokeApiKey } from "@/lib/keys/revoke-key";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) =>
  ok(await revokeApiKey(principal, idParam(params.id, "API key"), parseInput(keyRevokeSchema, await body()))),
);
