import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { userUpdateSchema } from "@/lib/users/schemas";
import { getUser } from "@/lib/users/read-users";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { requireUserWriter } from "@/lib/users/user-view";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getUser(principal, idParam(params.id, "User"))));

export const PATCH = apiRoute<P>(async ({ principal, params, body }) => {
  requireUserWriter(principal); // a restricted key is refused before an id is even looked at
  return ok(await updateUser(principal, idParam(params.id, "User"), parseInput(userUpdateSchema, await body())));
});

export const DELETE = apiRoute<P>(async ({ principal, params }) => {
  requireUserWriter(principal);
  return deleted((await deleteUser(principal, idParam(params.id, "User"))).id);
});
