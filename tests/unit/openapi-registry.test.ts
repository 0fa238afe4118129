// The registry must cover every /api/v1 route handler (and nothing else): this is what makes a
// new endpoint without documentation, scope or matrix coverage fail the build.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { ENDPOINTS, pathParams } from "@/lib/openapi/endpoints";
import { openApiDocument } from "@/lib/openapi/document";
import { acceptedScopesFor, authorizeEndpoint, requiredScopeFor } from "@/lib/openapi/scope-index";
import { isKnownScope, scopesForRole } from "@/lib/auth/rules/scopes";
import type { Principal } from "@/lib/auth/principal";

const API_DIR = path.resolve("app/api/v1");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(p);
    return d.name === "route.ts" ? [p] : [];
  });
}

/** "app/api/v1/keys/[id]/revoke/route.ts" → "/keys/{id}/revoke" */
const toPath = (file: string) =>
  "/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");

function exportedMethods(file: string): string[] {
  const src = fs.readFileSync(file, "utf8");
  const direct = [...src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  const listed = [...src.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!).filter((n) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(n)),
  );
  return [...new Set([...direct, ...listed])];
}

const handlers = routeFiles(API_DIR)
  .filter((f) => !f.includes("[..."))
  .flatMap((f) => exportedMethods(f).map((m) => `${m} ${toPath(f)}`));
const registered = ENDPOINTS.map((e) => `${e.method} ${e.path}`);

describe("OpenAPI registry", () => {
  it("finds the handlers (the scan itself works)", () => {
    expect(handlers).toContain("GET /keys");
    expect(handlers).toContain("POST /keys/{id}/revoke");
    expect(handlers.length).toBeGreaterThan(15);
  });

  it("lists every route handler", () => {
    expect(handlers.filter((h) => !registered.includes(h))).toEqual([]);
  });

  it("lists nothing that has no handler, and nothing twice", () => {
    expect(registered.filter((r) => !handlers.includes(r))).toEqual([]);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it("names only known scopes", () => {
    for (const e of ENDPOINTS) {
      if (!["public", "authenticated", "session"].includes(e.scope)) expect(isKnownScope(e.scope), `${e.method} ${e.path}`).toBe(true);
      for (const s of e.alsoAccepts ?? []) expect(isKnownScope(s), `${e.method} ${e.path} also accepts ${s}`).toBe(true);
      for (const s of e.grantNeeds?.scopes ?? []) expect(isKnownScope(s), `${e.method} ${e.path} needs ${s}`).toBe(true);
    }
  });

  it("has examples that the endpoint's own schema accepts", () => {
    for (const e of ENDPOINTS.filter((x) => x.body)) {
      expect(e.example, `${e.method} ${e.path} needs an example`).toBeDefined();
      const r = e.body!.safeParse(e.example);
      expect(r.success, `${e.method} ${e.path}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });
});

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 with one operation per endpoint and unique operation ids", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p)) as { operationId: string }[];
    expect(ops).toHaveLength(ENDPOINTS.length);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item) as { parameters?: { in: string; name: string }[] }[]) {
        const declared = (op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
        expect(declared.sort(), p).toEqual(pathParams(p).sort());
      }
    }
  });

  it("derives request schemas from the zod schemas", () => {
    const create = (doc.paths["/api/v1/keys"] as Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, { items?: { enum?: string[] } }>; required: string[]; additionalProperties: boolean } }> } }>).post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["name", "scopes"]);
    expect(schema.properties.scopes.items?.enum).toContain("routes:read");
    expect(schema.additionalProperties).toBe(false); // strictObject: unknown fields are a 400
    const list = (doc.paths["/api/v1/keys"] as Record<string, { parameters: { name: string; schema: { enum?: string[] } }[] }>).get;
    expect(list.parameters.find((p) => p.name === "status")?.schema.enum).toEqual(["active", "revoked", "expired"]);
  });

  it("marks public endpoints as needing no auth", () => {
    const info = (doc.paths["/api/v1/info"] as Record<string, { security: unknown[] }>).get;
    expect(info.security).toEqual([]);
  });
});

describe("scope lookup", () => {
  it("maps requests to the registry's scope", () => {
    expect(requiredScopeFor("GET", "/api/v1/keys")).toBe("keys:read");
    expect(requiredScopeFor("POST", "/api/v1/keys/3b1d8b8e-7c1f-4a53-9d55-0a0d9a1b2c3d/revoke")).toBe("keys:write");
    expect(requiredScopeFor("DELETE", "/api/v1/instances/x")).toBe("instances:write");
    expect(requiredScopeFor("GET", "/api/v1/info")).toBeNull();
    expect(requiredScopeFor("GET", "/api/v1/auth/status")).toBeNull();
    expect(requiredScopeFor("GET", "/api/v1/nothing/here")).toBeNull();
    expect(requiredScopeFor("GET", "/api/v1/users")).toBe("users:read");
    expect(requiredScopeFor("POST", "/api/v1/users/3b1d8b8e-7c1f-4a53-9d55-0a0d9a1b2c3d/password-reset")).toBe("users:write");
    expect(requiredScopeFor("GET", "/api/v1/account")).toBeNull(); // session-only, no scope
  });

  it("lets revert through audit:revert or persons:write, and keeps keys out of /account", () => {
    const id = "3b1d8b8e-7c1f-4a53-9d55-0a0d9a1b2c3d";
    expect(acceptedScopesFor("POST", `/api/v1/audit/${id}/revert`)).toEqual(["audit:revert", "persons:write"]);
    const key = (scopes: string[]): Principal => ({ type: "apiKey", id: "k", name: "k", scopes, instanceIds: null });
    const session: Principal = { type: "session", id: "u", name: "u", scopes: scopesForRole("viewer"), instanceIds: null };
    expect(() => authorizeEndpoint(key(["persons:write"]), "POST", `/api/v1/audit/${id}/revert`)).not.toThrow();
    expect(() => authorizeEndpoint(key(["audit:revert"]), "POST", `/api/v1/audit/${id}/revert`)).not.toThrow();
    expect(() => authorizeEndpoint(key(["audit:read"]), "POST", `/api/v1/audit/${id}/revert`)).toThrow(/audit:revert/);
    expect(() => authorizeEndpoint(key(["*"]), "GET", "/api/v1/account")).toThrow(/API keys have no account/);
    expect(() => authorizeEndpoint(session, "GET", "/api/v1/account")).not.toThrow();
    expect(() => authorizeEndpoint(session, "GET", "/api/v1/users")).toThrow(/users:read/);
  });
});
