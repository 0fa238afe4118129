import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { linkSchema } from "@/lib/persons/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { linkIdentities } from "@/lib/persons/link-identities";

export const POST = apiRoute(async ({ principal, body }) => ok(await linkIdentities(principal, parseInput(linkSchema, await body()))));
