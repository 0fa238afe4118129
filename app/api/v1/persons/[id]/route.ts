import { apiRoute } from "@/lib/api/handler";
import { ok, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { personEraseSchema, personUpdateSchema } from "@/lib/persons/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { erasePerson } from "@/lib/privacy/erase-person";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getPerson(principal, idParam(params.id, "Person"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) =>
  tagged(await updatePerson(principal, idParam(params.id, "Person"), parseInput(personUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
export const DELETE = apiRoute<P>(async ({ req, principal, params, body }) =>
  ok(await erasePerson(principal, idParam(params.id, "Person"), parseInput(personEraseSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
