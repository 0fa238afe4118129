import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { unlinkSchema } from "@/lib/persons/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) => {
  const input = parseInput(unlinkSchema, await body());
  return ok(await unlinkIdentity(principal, idParam(params.id, "Identity"), input));
});
