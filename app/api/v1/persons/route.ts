import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { personCreateSchema, personSearchQuerySchema } from "@/lib/persons/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createPerson } from "@/lib/persons/create-person";
import { searchPersons } from "@/lib/persons/search-persons";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await searchPersons(principal, parseInput(personSearchQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createPerson(principal, parseInput(personCreateSchema, await body()))),
);
