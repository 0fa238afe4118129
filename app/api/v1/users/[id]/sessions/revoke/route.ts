import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { emptyBodySchema } from "@/lib/users/schemas";
import { revokeSessionsOfUser } from "@/lib/users/revoke-sessions";
import { requireUserWriter } from "@/lib/users/user-view";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) => {
  requireUserWriter(principal);
  parseInput(emptyBodySchema, await body());
  return ok(await revokeSessionsOfUser(principal, idParam(params.id, "User")));
});
