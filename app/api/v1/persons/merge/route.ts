import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { mergeSchema } from "@/lib/schemas/persons";
import { parseInput } from "@/lib/schemas/parse";
import { mergePersons } from "@/lib/services/person-merge";

export const POST = apiRoute(async ({ principal, body }) => ok(await mergePersons(principal, parseInput(mergeSchema, await body()))));
