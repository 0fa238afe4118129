import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { keyRevokeSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { keyId } from "../key-id";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) =>
  ok(await revokeApiKey(principal, keyId(params), parseInput(keyRevokeSchema, await body()))),
);
