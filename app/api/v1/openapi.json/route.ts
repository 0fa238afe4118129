// The OpenAPI 3.1 description, generated from the endpoint registry and the handlers' zod schemas.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/openapi/document";

let cached: ReturnType<typeof openApiDocument> | undefined;

export const GET = apiRoute(async () => NextResponse.json((cached ??= openApiDocument())), { auth: false });
