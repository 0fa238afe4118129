import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { userCreateSchema, userListQuerySchema } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/read-users";
import { createUser } from "@/lib/users/create-user";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listUsers(principal, parseInput(userListQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body, req }) =>
  created(await createUser(principal, parseInput(userCreateSchema, await body()), { origin: req.nextUrl.origin })),
);
