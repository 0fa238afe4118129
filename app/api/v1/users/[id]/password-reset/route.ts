import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { emptyBodySchema } from "@/lib/users/schemas";
import { resetUserPassword } from "@/lib/users/password-reset";
import { requireUserWriter } from "@/lib/users/user-view";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body, req }) => {
  requireUserWriter(principal);
  parseInput(emptyBodySchema, await body());
  const r = await resetUserPassword(principal, idParam(params.id, "User"), { origin: req.nextUrl.origin });
  return ok({ setupUrl: r.setupUrl, expiresAt: r.expiresAt });
});
