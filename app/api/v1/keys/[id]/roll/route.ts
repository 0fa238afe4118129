import { apiRoute } from "@/lib/api/handler";
import { created } from "@/lib/api/responses";
import { keyRollSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { rollApiKey } from "@/lib/keys/roll-key";
import { keyId } from "../key-id";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) =>
  created(await rollApiKey(principal, keyId(params), parseInput(keyRollSchema, await body()))),
);
