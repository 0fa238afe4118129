import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { mergeSchema } from "@/lib/persons/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { mergePersons } from "@/lib/persons/merge-persons";

export const POST = apiRoute(async ({ principal, body }) => ok(await mergePersons(principal, parseInput(mergeSchema, await body()))));
