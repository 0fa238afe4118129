import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { activitySchema } from "@/lib/persons/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { recordActivity } from "@/lib/persons/presence";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) => {
  const input = parseInput(activitySchema, await body());
  return ok(await recordActivity(principal, idParam(params.id, "Identity"), input));
});
