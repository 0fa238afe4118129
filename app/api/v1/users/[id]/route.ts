import { apiRoute } from "@/lib/api/handler";
import { deleted, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { userUpdateSchema } from "@/lib/users/schemas";
import { getUser } from "@/lib/users/read-users";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { requireUserWriter } from "@/lib/users/user-view";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getUser(principal, idParam(params.id, "User"))));

export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) => {
  requireUserWriter(principal); // a restricted key is refused before an id is even looked at
  return tagged(await updateUser(principal, idParam(params.id, "User"), parseInput(userUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match"))));
});

export const DELETE = apiRoute<P>(async ({ req, principal, params }) => {
  requireUserWriter(principal);
  return deleted((await deleteUser(principal, idParam(params.id, "User"), parseIfMatch(req.headers.get("if-match")))).id);
});
