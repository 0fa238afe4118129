import { apiRoute } from "@/lib/api/handler";
import { created } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { keyRollSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { rollApiKey } from "@/lib/keys/roll-key";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) =>
  created(await rollApiKey(principal, idParam(params.id, "API key"), parseInput(keyRollSchema, await body()))),
);
