import { apiRoute } from "@/lib/api/handler";
import { deleted, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { keyUpdateSchema } from "@/lib/keys/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { getApiKey } from "@/lib/keys/list-keys";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { updateApiKey } from "@/lib/keys/update-key";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getApiKey(principal, idParam(params.id, "API key"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) =>
  tagged(await updateApiKey(principal, idParam(params.id, "API key"), parseInput(keyUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
export const DELETE = apiRoute<P>(async ({ req, principal, params }) =>
  deleted((await deleteApiKey(principal, idParam(params.id, "API key"), parseIfMatch(req.headers.get("if-match")))).id),
);
