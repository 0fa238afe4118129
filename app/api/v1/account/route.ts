import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { parseInput } from "@/lib/schemas/parse";
import { accountUpdateSchema } from "@/lib/users/schemas";
import { getAccount, updateAccount } from "@/lib/users/account";

export const GET = apiRoute(async ({ principal }) => ok(await getAccount(principal)));

export const PATCH = apiRoute(async ({ principal, body }) => ok(await updateAccount(principal, parseInput(accountUpdateSchema, await body()))));
