import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { parseInput } from "@/lib/schemas/parse";
import { passwordChangeSchema } from "@/lib/users/schemas";
import { changeOwnPassword } from "@/lib/users/account";

export const POST = apiRoute(async ({ principal, body }) => ok(await changeOwnPassword(principal, parseInput(passwordChangeSchema, await body()))));
