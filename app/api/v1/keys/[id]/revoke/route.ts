import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { keyRevokeSchema } from "@/lib/schemas/keys";
import { parseInput } from "@/lib/schemas/parse";
import { revokeApiKey } from "@/lib/services/api-keys-lifecycle";
import { keyId } from "../key-id";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) =>
  ok(await revokeApiKey(principal, keyId(params), parseInput(keyRevokeSchema, await body()))),
);
