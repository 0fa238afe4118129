// The OpenAPI 3.1 description, generated from the endpoint registry and the handlers' zod schemas.
import { apiRoute } from "@/lib/api/handler";
import { json } from "@/lib/api/responses";
import { openApiDocument } from "@/lib/openapi/document";

let cached: ReturnType<typeof openApiDocument> | undefined;

export const GET = apiRoute(async () => json((cached ??= openApiDocument())), { auth: false });
