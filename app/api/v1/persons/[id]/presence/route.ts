import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { getPresence } from "@/lib/persons/presence";

export const GET = apiRoute<{ id: string }>(async ({ principal, params }) => ok(await getPresence(principal, idParam(params.id, "Person"))));
