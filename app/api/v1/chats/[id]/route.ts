import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idSchema } from "@/lib/schemas/common";
import { getChat } from "@/lib/catalog/chats";
import { notFound } from "@/lib/errors";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => {
  if (!idSchema.safeParse(params.id).success) throw notFound("Chat");
  return ok(await getChat(principal, params.id));
});
