import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { keyUpdateSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { getApiKey } from "@/lib/keys/list-keys";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { updateApiKey } from "@/lib/keys/update-key";
import { keyId } from "./key-id";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getApiKey(principal, keyId(params))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) =>
  ok(await updateApiKey(principal, keyId(params), parseInput(keyUpdateSchema, await body()))),
);
export const DELETE = apiRoute<P>(async ({ principal, params }) => deleted((await deleteApiKey(principal, keyId(params))).id));
