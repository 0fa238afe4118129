// Builds the OpenAPI 3.1 document from the endpoint registry: request bodies and query
// parameters are converted from the handlers' own zod schemas (z.toJSONSchema), never hand-written.
import { z } from "zod";
import pkg from "../../package.json";
import { ALL_SCOPES } from "../auth/rules/scopes";
import { errorStatus } from "../errors";
import { ENDPOINTS, ID_PARAM, pathParams, type Endpoint } from "./endpoints";

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: {
        code: {
          type: "string",
          enum: Object.keys(errorStatus),
        },
        message: { type: "string" },
        details: { type: "object", description: "`fields` (validation), `requiredScope` (403), `retryAfter` (429)…" },
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  "400": "Invalid input (`VALIDATION_ERROR`, `details.fields` maps field path → messages)",
  "401": "No key, unknown key, revoked key or expired key; the message says which",
  "403": "Scope missing (`details.requiredScope`), instance outside the key's restriction, or a cross-site write with a browser session (`details.reason: \"cross-site\"`)",
  "404": "Unknown id (also ids of instances the key cannot see)",
  "409": "Conflict, or an Idempotency-Key reused with a different request",
  "412": "`If-Match` names a version the resource no longer has (`PRECONDITION_FAILED`, `details.etag` and `details.current`: the resource now); nothing was changed",
  "413": "Body over 1 MiB",
  "415": "A signed-in browser session sent a body that is not `application/json` (`UNSUPPORTED_MEDIA_TYPE`)",
  "429": "Over the key's per-minute limit; `Retry-After` header and `details.retryAfter`",
  "503": "The database cannot serve now (no free connection, unreachable, restarting): `SERVICE_UNAVAILABLE`, `details.retryable: true`, `Retry-After` header and `details.retryAfter`: retry (a POST with the same `Idempotency-Key`)",
};

const rateHeaders = {
  "X-RateLimit-Limit": { $ref: "#/components/headers/X-RateLimit-Limit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/X-RateLimit-Remaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/X-RateLimit-Reset" },
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
};

/** Single resources with a strong ETag (GET and PATCH answers) and If-Match on PATCH / DELETE (contract: Concurrency). */
const VERSIONED = new Set(["/routes/{id}", "/persons/{id}", "/keys/{id}", "/instances/{id}", "/agents/{id}", "/users/{id}", "/webhooks/{id}"]);

export const operationId = (e: Endpoint) =>
  e.method.toLowerCase() +
  e.path
    .split("/")
    .filter(Boolean)
    .map((s) => (s.startsWith("{") ? "By" + s.slice(1, 2).toUpperCase() + s.slice(2, -1) : s.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join("");

function successSchema(e: Endpoint): Json {
  const inner = e.success.schema ? jsonSchema(e.success.schema, "output") : { type: "object" };
  switch (e.success.kind) {
    case "list":
      return { type: "object", required: ["items", "nextCursor"], properties: { items: { type: "array", items: inner }, nextCursor: { type: ["string", "null"] } } };
    case "deleted":
      return { type: "object", properties: { data: { type: "object", properties: { id: { type: "string", format: "uuid" }, deleted: { const: true } } } } };
    case "raw":
      return { type: "object" };
    default:
      return { type: "object", required: ["data"], properties: { data: inner } };
  }
}

function operation(e: Endpoint): Json {
  const isPublic = e.scope === "public";
  const parameters: Json[] = pathParams(e.path).map((name) => ({
    name, in: "path", required: true, schema: jsonSchema(ID_PARAM, "input"),
  }));
  if (e.query) {
    const q = jsonSchema(e.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name, in: "query", required: (q.required ?? []).includes(name) && !("default" in schema), schema });
    }
  }
  if (e.method === "POST" && !isPublic) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
  const versioned = VERSIONED.has(e.path);
  if (versioned && (e.method === "PATCH" || e.method === "DELETE")) parameters.push({ $ref: "#/components/parameters/IfMatch" });
  const errors = new Set<string>();
  if (!isPublic) ["401", "429", "503"].forEach((s) => errors.add(s));
  if (!isPublic && e.scope !== "authenticated") errors.add("403");
  if (e.body || e.query) errors.add("400");
  if (e.body) ["413", "415"].forEach((s) => errors.add(s));
  if (pathParams(e.path).length) errors.add("404");
  if (e.method === "POST" && !isPublic) errors.add("409");
  if (versioned && (e.method === "PATCH" || e.method === "DELETE")) errors.add("412");
  const responses: Json = {
    [String(e.success.status)]: {
      description: e.success.description,
      headers: isPublic
        ? { "X-Request-Id": rateHeaders["X-Request-Id"] }
        : versioned && (e.method === "GET" || e.method === "PATCH") ? { ...rateHeaders, ETag: { $ref: "#/components/headers/ETag" } } : rateHeaders,
      content: { "application/json": { schema: successSchema(e) } },
    },
  };
  for (const s of [...errors].sort()) responses[s] = { $ref: `#/components/responses/E${s}` };
  return {
    operationId: operationId(e),
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(e.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(e.body, "input"), ...(e.example ? { example: e.example } : {}) } } } }
      : {}),
    responses,
    security: isPublic ? [] : e.scope === "session" ? [{ sessionCookie: [] }] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    "x-required-scope": e.scope,
    ...(e.alsoAccepts ? { "x-also-accepted-scopes": e.alsoAccepts } : {}),
    ...(e.instanceBound ? { "x-instance-restricted": true } : {}),
    ...(e.restricted ? { "x-restricted-key": e.restricted } : {}),
    ...(e.addition ? { "x-contract-addition": true } : {}),
  };
}

export function openApiDocument(endpoints: readonly Endpoint[] = ENDPOINTS) {
  const paths: Record<string, Json> = {};
  for (const e of endpoints) (paths[`/api/v1${e.path}`] ??= {})[e.method.toLowerCase()] = operation(e);
  const tags = [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Omni Admin API",
      version: pkg.version,
      description:
        "Routes, persons, audit and API keys of the Omni messaging hub. Authenticate with `Authorization: Bearer omni_sk_…`. " +
        "Every POST accepts an `Idempotency-Key`. Scopes: " + ALL_SCOPES.map((s) => `\`${s}\``).join(", ") + ".",
    },
    servers: [{ url: "/" }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "omni_sk_…", description: "An API key; its scopes decide what it may do (`x-required-scope`)." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in dashboard session (role mapped to scopes)." },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key", in: "header", required: false,
          description: "A repeat with the same key and the same request within 24 h returns the first response and does nothing again; the same key with a different request is a 409.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
        IfMatch: {
          name: "If-Match", in: "header", required: false,
          description: "The resource's `ETag` as you loaded it (a list, or `*` for any): if the resource changed since, the request is 412 and changes nothing.",
          schema: { type: "string" },
        },
      },
      headers: {
        "X-RateLimit-Limit": { description: "Requests allowed per minute", schema: { type: "integer" } },
        "X-RateLimit-Remaining": { description: "Requests left in this minute", schema: { type: "integer" } },
        "X-RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" } },
        "X-Request-Id": { description: "Echoed from the request, or generated", schema: { type: "string" } },
        ETag: { description: "Strong entity tag of the resource as answered; send it back in `If-Match` to refuse a stale edit", schema: { type: "string" } },
      },
      schemas: { Error: errorSchema },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([s, description]) => [
          `E${s}`,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } }, ...(s === "429" || s === "503" ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } } : {}) },
        ]),
      ),
    },
  };
}
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
