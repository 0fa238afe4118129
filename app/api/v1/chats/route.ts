import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { chatCreateSchema, chatListQuerySchema } from "@/lib/catalog/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createChat, listChats } from "@/lib/catalog/chats";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listChats(principal, parseInput(chatListQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createChat(principal, parseInput(chatCreateSchema, await body()))),
);
