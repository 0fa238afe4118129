import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { getChat } from "@/lib/catalog/chats";

export const GET = apiRoute<{ id: string }>(async ({ principal, params }) => ok(await getChat(principal, idParam(params.id, "Chat"))));
