// The registry of every /api/v1 endpoint: method, path, required scope, request schemas (the same
// zod schemas the handlers parse with) and responses. It feeds the OpenAPI document
// (lib/openapi/document.ts), the scope check in the API wrapper (lib/api/handler.ts), and the
// generated scope/restriction matrix (e2e/api/matrix.spec.ts). tests/unit/openapi-registry.test.ts
// fails when a route handler is missing here.
import { z } from "zod";
import { idSchema, listQuerySchema } from "../schemas/common";
import {
  agentCreateSchema, agentUpdateSchema, chatCreateSchema, chatListQuerySchema, instanceCreateSchema, instanceUpdateSchema,
} from "../catalog/schemas";
import { routeCreateSchema, routeListQuerySchema, routeTestSchema, routeUpdateSchema } from "../routes/schemas";
import {
  activitySchema, linkSchema, mergeSchema, personCreateSchema, personEraseSchema, personSearchQuerySchema, personUpdateSchema, unlinkSchema,
} from "../persons/schemas";
import { auditListQuerySchema, auditRevertSchema } from "../audit/schemas";
import {
  keyCreateSchema, keyCreatedSchema, keyListQuerySchema, keyResponseSchema, keyRevokeSchema, keyRollSchema, keyUpdateSchema,
  keyUsageQuerySchema, keyUsageSchema,
} from "../keys/schemas";
import {
  accountResponseSchema, accountUpdateSchema, emptyBodySchema, passwordChangeSchema, passwordResetResultSchema, sessionsRevokedSchema,
  userCreateSchema, userCreatedSchema, userListQuerySchema, userResponseSchema, userUpdateSchema,
} from "../users/schemas";
import { scopesForRole } from "../auth/rules/scopes";
import { deliveryListQuerySchema, webhookCreateSchema, webhookEmptyBodySchema, webhookListQuerySchema, webhookUpdateSchema } from "../webhooks/schemas";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type Endpoint = {
  method: HttpMethod;
  /** OpenAPI path below /api/v1, parameters as {name} */
  path: string;
  /**
   * "public": no key needed; "authenticated": any valid key or session; "session": a signed-in
   * dashboard user only (API keys get 403); else the scope required
   */
  scope: "public" | "authenticated" | "session" | string;
  /** Other scopes that grant this endpoint as well as `scope` (any one of them suffices) */
  alsoAccepts?: string[];
  /**
   * Besides its scope, the caller needs these to make the example request succeed (e.g. to
   * create a user with a role, the caller's scopes must cover the role's): the scope matrix adds
   * them to the `resource:*` key and checks that without them the answer is this 403.
   */
  grantNeeds?: { scopes: string[]; why: string };
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A valid request body (docs, and the matrix sends it so scope checks are what answers) */
  example?: unknown;
  /** Success status and what it returns */
  success: { status: number; description: string; schema?: z.ZodType; kind?: "single" | "list" | "deleted" | "raw" };
  /**
   * Rows belong to instances: a restricted key sees only its instances' (404 for others; 403 for a
   * list filtered on, or a write naming, an instance outside its restriction). Audit events: by
   * their subjects; keys: by their instance set (lib/auth/instance-policy.ts).
   */
  instanceBound?: boolean;
  /** What an instance-restricted key gets here, where that differs from an unrestricted one */
  restricted?: { status: number; why: string };
  /** Not in ../shared/API.md: an addition to the contract */
  addition?: boolean;
};

const FAKE_ID = "00000000-0000-4000-8000-000000000000";
const single = (description: string, schema?: z.ZodType) => ({ status: 200, description, schema, kind: "single" as const });
const created = (description: string, schema?: z.ZodType) => ({ status: 201, description, schema, kind: "single" as const });
const list = (description: string, schema?: z.ZodType) => ({ status: 200, description, schema, kind: "list" as const });
const deleted = { status: 200, description: "Deleted: `{ data: { id, deleted: true } }`", kind: "deleted" as const };
/** Agents and users are global: an instance-restricted key reads them but never writes them. */
const GLOBAL_RECORD = { status: 403, why: "a global record: an instance-restricted key cannot create, change or delete it" };

const system: Endpoint[] = [
  { method: "GET", path: "/info", scope: "public", tag: "System", summary: "Service facts", success: single("`{ name, version, authModes, twoFactor, database }`: authModes is apiKey, session, and password / oidc / proxy for the sign-in methods that are on; twoFactor is off, optional, admin or all") },
  { method: "GET", path: "/health", scope: "public", tag: "System", summary: "Health", success: single("`{ status, db }`; 503 when the database is unreachable") },
  { method: "GET", path: "/openapi.json", scope: "public", tag: "System", summary: "This OpenAPI 3.1 description", addition: true, success: { status: 200, description: "The OpenAPI document", kind: "raw" } },
  { method: "GET", path: "/auth/status", scope: "authenticated", tag: "System", summary: "Who is calling", success: single("`{ type, id, name, scopes, instanceIds }`, plus `role` for a session") },
];

const catalog: Endpoint[] = [
  { method: "GET", path: "/instances", scope: "instances:read", tag: "Instances", summary: "List instances", query: listQuerySchema, instanceBound: true, success: list("Instances the caller can see") },
  { method: "POST", path: "/instances", scope: "instances:write", tag: "Instances", summary: "Create an instance", body: instanceCreateSchema, example: { name: "support-whatsapp", channel: "whatsapp" },
    restricted: { status: 403, why: "an instance-restricted key cannot create instances" }, success: created("The instance") },
  { method: "GET", path: "/instances/{id}", scope: "instances:read", tag: "Instances", summary: "Get an instance", instanceBound: true, success: single("The instance") },
  { method: "PATCH", path: "/instances/{id}", scope: "instances:write", tag: "Instances", summary: "Update an instance (name, channel, defaultAgentId)", body: instanceUpdateSchema, example: { defaultAgentId: null }, instanceBound: true, success: single("The instance") },
  { method: "DELETE", path: "/instances/{id}", scope: "instances:write", tag: "Instances", summary: "Delete an instance", instanceBound: true, success: deleted },
  { method: "GET", path: "/agents", scope: "agents:read", tag: "Agents", summary: "List agents", query: listQuerySchema, success: list("Agents") },
  { method: "POST", path: "/agents", scope: "agents:write", tag: "Agents", summary: "Create an agent", body: agentCreateSchema, example: { name: "Triage", provider: "anthropic", model: "claude-sonnet" },
    restricted: GLOBAL_RECORD, success: created("The agent") },
  { method: "GET", path: "/agents/{id}", scope: "agents:read", tag: "Agents", summary: "Get an agent", success: single("The agent") },
  { method: "PATCH", path: "/agents/{id}", scope: "agents:write", tag: "Agents", summary: "Update an agent", body: agentUpdateSchema, example: { description: "First line of support" },
    restricted: GLOBAL_RECORD, success: single("The agent") },
  { method: "DELETE", path: "/agents/{id}", scope: "agents:write", tag: "Agents", summary: "Delete an agent (409 while a route or an instance default uses it)",
    restricted: GLOBAL_RECORD, success: deleted },
  { method: "GET", path: "/chats", scope: "chats:read", tag: "Chats", summary: "List chats (filters instance, q)", query: chatListQuerySchema, instanceBound: true, success: list("Chats on the caller's instances") },
  { method: "POST", path: "/chats", scope: "chats:write", tag: "Chats", summary: "Create a chat", body: chatCreateSchema, example: { instanceId: FAKE_ID, externalId: "+15550100", title: "Support", type: "dm" }, instanceBound: true, success: created("The chat") },
  { method: "GET", path: "/chats/{id}", scope: "chats:read", tag: "Chats", summary: "Get a chat", instanceBound: true, success: single("The chat") },
];

const routes: Endpoint[] = [
  { method: "GET", path: "/routes", scope: "routes:read", tag: "Routes", summary: "List routes (filters instance, scope, active, agent, chat, person, q; sort, order)", query: routeListQuerySchema, instanceBound: true, success: list("Routes on the caller's instances") },
  {
    method: "POST", path: "/routes", scope: "routes:write", tag: "Routes", summary: "Create a route",
    description: "`chatId` is required iff `scope` is `chat`, `personId` iff `scope` is `user`.",
    body: routeCreateSchema, example: { instanceId: FAKE_ID, scope: "chat", chatId: FAKE_ID, agentId: FAKE_ID, priority: 10, label: "VIP support" },
    instanceBound: true, success: created("The route"),
  },
  { method: "GET", path: "/routes/{id}", scope: "routes:read", tag: "Routes", summary: "Get a route", instanceBound: true, success: single("The route") },
  { method: "PATCH", path: "/routes/{id}", scope: "routes:write", tag: "Routes", summary: "Update a route (any subset of the create body)", body: routeUpdateSchema, example: { priority: 5 }, instanceBound: true, success: single("The route") },
  { method: "DELETE", path: "/routes/{id}", scope: "routes:write", tag: "Routes", summary: "Delete a route", instanceBound: true, success: deleted },
  {
    method: "POST", path: "/routes/test", scope: "routes:read", tag: "Routes", summary: "Which agent would answer",
    description: "Resolution among the instance's active routes: chat beats user, then priority, then the most recently updated; else the instance's default agent.",
    body: routeTestSchema, example: { instanceId: FAKE_ID, chatId: FAKE_ID }, instanceBound: true,
    success: single("`{ source, route, agent, candidates, cached }`"),
  },
  { method: "GET", path: "/routes/metrics", scope: "routes:read", tag: "Routes", summary: "Resolver cache metrics", success: single("`{ hits, misses, hitRate, size, invalidations, p50Ms, p99Ms, … }`") },
];

const FAKE_ID_2 = "00000000-0000-4000-8000-000000000001";
const persons: Endpoint[] = [
  { method: "GET", path: "/persons", scope: "persons:read", tag: "Persons", summary: "Search persons (name, phone, email, identity username / platform id)", query: personSearchQuerySchema, instanceBound: true, success: list("Persons with an identity on the caller's instances") },
  {
    method: "POST", path: "/persons", scope: "persons:write", tag: "Persons", summary: "Create a person (with identities)",
    body: personCreateSchema, example: { displayName: "Ada Lovelace", primaryEmail: "ada@example.com", primaryPhone: "+14155550123" },
    restricted: { status: 403, why: "an instance-restricted key can only create persons with an identity on its instances" },
    success: created("The person"),
  },
  { method: "GET", path: "/persons/{id}", scope: "persons:read", tag: "Persons", summary: "Get a person with identities", instanceBound: true, success: single("The person, with `identities`") },
  { method: "PATCH", path: "/persons/{id}", scope: "persons:write", tag: "Persons", summary: "Update a person", body: personUpdateSchema, example: { displayName: "Ada King" }, instanceBound: true, success: single("The person") },
  {
    method: "DELETE", path: "/persons/{id}", scope: "persons:write", tag: "Persons", summary: "Erase a person (right to erasure)",
    description: "Deletes the person, their identities and the routes targeting them, and destroys their data keys: every personal field about them in the audit trail reads `[erased]` afterwards, and the chain still verifies. `reason` is required. 403 for an instance-restricted key unless every identity of the person is on its instances.",
    body: personEraseSchema, example: { reason: "GDPR erasure request #123" }, instanceBound: true,
    success: { status: 200, description: "`{ id, deleted: true, identityIds, routeIds, absorbedPersonIds, auditEventId }`", kind: "deleted" },
  },
  { method: "GET", path: "/persons/{id}/presence", scope: "persons:read", tag: "Persons", summary: "Presence across channels", instanceBound: true, success: single("`{ summary, byChannel, identities }`") },
  {
    method: "POST", path: "/persons/merge", scope: "persons:write", tag: "Persons", summary: "Merge two persons",
    body: mergeSchema, example: { sourceId: FAKE_ID, targetId: FAKE_ID_2, reason: "same customer" }, instanceBound: true,
    success: single("`{ person, mergedIdentityIds, deletedPersonId, auditEventId }`"),
  },
  { method: "POST", path: "/identities/link", scope: "persons:write", tag: "Persons", summary: "Put two identities on one person", body: linkSchema, example: { identityA: FAKE_ID, identityB: FAKE_ID_2 }, instanceBound: true, success: single("`{ person, auditEventId }`") },
  { method: "POST", path: "/identities/{id}/unlink", scope: "persons:write", tag: "Persons", summary: "Move an identity to a new person of its own", body: unlinkSchema, example: { reason: "wrong match" }, instanceBound: true, success: single("`{ person, identity, auditEventId }`") },
  { method: "POST", path: "/identities/{id}/activity", scope: "persons:write", tag: "Persons", summary: "Record presence (last seen, messages)", body: activitySchema, example: { messages: 3 }, instanceBound: true, success: single("The identity") },
];

const audit: Endpoint[] = [
  { method: "GET", path: "/audit", scope: "audit:read", tag: "Audit", summary: "Audit events (filters action, actorId, targetId, personId, from, to; format=csv|ndjson exports)", query: auditListQuerySchema, instanceBound: true, success: list("Audit events, newest first") },
  { method: "GET", path: "/audit/{id}", scope: "audit:read", tag: "Audit", summary: "One event with before/after snapshots", instanceBound: true, success: single("The event") },
  { method: "POST", path: "/audit/{id}/revert", scope: "audit:revert", alsoAccepts: ["persons:write"], tag: "Audit", summary: "Undo a merge, link or unlink", description: "Needs `audit:revert` or `persons:write`. 409 when something since conflicts; 403 for an instance-restricted key unless every subject of the event is on its instances.",
    body: auditRevertSchema, example: { reason: "merged by mistake" }, instanceBound: true, success: single("The revert") },
];

const keys: Endpoint[] = [
  {
    method: "GET", path: "/keys", scope: "keys:read", tag: "API keys", summary: "List API keys",
    description: "`status` is computed: `expired` means the expiry has passed; `revoked` keys stay listed with who revoked them, when and why.",
    query: keyListQuerySchema, instanceBound: true, success: list("Keys (never the raw key or its hash)", keyResponseSchema),
  },
  {
    method: "POST", path: "/keys", scope: "keys:write", tag: "API keys", summary: "Create an API key",
    description: "The raw key is in this response only. A key can never grant scopes (or instances) its caller lacks: 403.",
    body: keyCreateSchema, example: { name: "nightly export", scopes: ["keys:read"], rateLimit: 60, expiresAt: "2031-01-01T00:00:00Z" },
    restricted: { status: 403, why: "an instance-restricted caller cannot issue a key for every instance" },
    success: created("The key, with `key` (raw, shown once)", keyCreatedSchema),
  },
  { method: "GET", path: "/keys/{id}", scope: "keys:read", tag: "API keys", summary: "Get an API key", instanceBound: true, success: single("The key", keyResponseSchema) },
  {
    method: "PATCH", path: "/keys/{id}", scope: "keys:write", tag: "API keys", summary: "Update an API key",
    description: "`instanceIds: []` or `null` unrestricts; `expiresAt: null` clears the expiry. Takes effect at once.",
    body: keyUpdateSchema, example: { description: "rotated monthly" }, instanceBound: true, success: single("The key", keyResponseSchema),
  },
  { method: "DELETE", path: "/keys/{id}", scope: "keys:write", tag: "API keys", summary: "Delete an API key permanently", description: "Revoking is usually what you want: a revoked key stays listed for the record.", instanceBound: true, success: deleted },
  {
    method: "POST", path: "/keys/{id}/revoke", scope: "keys:write", tag: "API keys", summary: "Revoke an API key",
    description: "The key stops working at once (401 saying it was revoked) and stays listed.",
    body: keyRevokeSchema, example: { reason: "laptop stolen" }, instanceBound: true, success: single("The revoked key", keyResponseSchema),
  },
  {
    method: "POST", path: "/keys/{id}/roll", scope: "keys:write", tag: "API keys", summary: "Roll an API key", addition: true,
    description: "Issues a replacement with the same settings (raw key in this response only) and revokes the old key, at once or after `gracePeriodSeconds`.",
    body: keyRollSchema, example: { gracePeriodSeconds: 3600 }, instanceBound: true, success: created("The replacement, with `key` and `previous`", keyCreatedSchema),
  },
  {
    method: "GET", path: "/keys/{id}/usage", scope: "keys:read", tag: "API keys", summary: "Requests per hour", addition: true,
    query: keyUsageQuerySchema, instanceBound: true, success: single("Hourly request counts, oldest first", keyUsageSchema),
  },
];

const RESTRICTED_USERS = { status: 403, why: "an instance-restricted key cannot create, change or delete users (global records)" };
const users: Endpoint[] = [
  { method: "GET", path: "/users", scope: "users:read", tag: "Users", summary: "List dashboard users (filter role)", query: userListQuerySchema, success: list("Users, newest first (never a hash)", userResponseSchema) },
  {
    method: "POST", path: "/users", scope: "users:write", tag: "Users", summary: "Create a dashboard user",
    description: "The caller's own scopes must cover every scope of `role`, with no instance restriction (403). Without `password` the response adds `setupUrl` and `setupExpiresAt` (shown once, valid 24 h). Password policy: 12–128 characters, zxcvbn-ts score ≥ 3.",
    body: userCreateSchema, example: { email: "matrix.viewer@example.com", name: "Matrix Viewer", role: "viewer" },
    grantNeeds: { scopes: scopesForRole("viewer"), why: "giving the viewer role takes the viewer's scopes" },
    restricted: RESTRICTED_USERS, success: created("The user (with `setupUrl` and `setupExpiresAt` when no password was given)", userCreatedSchema),
  },
  { method: "GET", path: "/users/{id}", scope: "users:read", tag: "Users", summary: "Get a dashboard user", success: single("The user", userResponseSchema) },
  {
    method: "PATCH", path: "/users/{id}", scope: "users:write", tag: "Users", summary: "Change a user's name, role or disabled flag",
    description: "Disabling ends the user's sessions at once; a role change applies from their next request. The last active admin cannot be demoted or disabled (409).",
    body: userUpdateSchema, example: { name: "Ada Lovelace" }, restricted: RESTRICTED_USERS, success: single("The user", userResponseSchema),
  },
  { method: "DELETE", path: "/users/{id}", scope: "users:write", tag: "Users", summary: "Delete a dashboard user", description: "Ends their sessions. Never the last active admin (409).", restricted: RESTRICTED_USERS, success: deleted },
  {
    method: "POST", path: "/users/{id}/password-reset", scope: "users:write", tag: "Users", summary: "Reset a user's password",
    description: "The old password stops working and every session of the user ends; the response's link (24 h, shown once) lets them choose a new one.",
    body: emptyBodySchema, example: {}, restricted: RESTRICTED_USERS, success: single("`{ setupUrl, expiresAt }`", passwordResetResultSchema),
  },
  {
    method: "POST", path: "/users/{id}/sessions/revoke", scope: "users:write", tag: "Users", summary: "Sign a user out everywhere",
    body: emptyBodySchema, example: {}, restricted: RESTRICTED_USERS, success: single("`{ userId, revokedSessions }`", sessionsRevokedSchema),
  },
];

const account: Endpoint[] = [
  { method: "GET", path: "/account", scope: "session", tag: "Account", summary: "The signed-in user's own profile", description: "Sessions only: an API key has no account (403).", success: single("The user, with `mustChangePassword`", accountResponseSchema) },
  { method: "PATCH", path: "/account", scope: "session", tag: "Account", summary: "Change your display name", body: accountUpdateSchema, example: { name: "Ada" }, success: single("The user, with `mustChangePassword`", accountResponseSchema) },
  {
    method: "POST", path: "/account/password", scope: "session", tag: "Account", summary: "Change your password",
    description: "`currentPassword` must match; `newPassword` must meet the policy. Every other session of yours ends; this one stays.",
    body: passwordChangeSchema, example: { currentPassword: "the-old-one", newPassword: "granite otter lantern 42" },
    success: single("`{ revokedSessions }`"),
  },
];

const WEBHOOK_NOTE = "An instance-restricted key manages only endpoints whose instances are inside its own (404 for others).";
const webhooks: Endpoint[] = [
  { method: "GET", path: "/webhooks", scope: "webhooks:read", tag: "Webhooks", summary: "List webhook endpoints", query: webhookListQuerySchema, instanceBound: true, success: list("Endpoints, newest first (never the secret)") },
  {
    method: "POST", path: "/webhooks", scope: "webhooks:write", tag: "Webhooks", summary: "Subscribe a URL to events",
    description: `\`events\`: audit action names, \`prefix.*\` or \`*\`. A URL whose host is a literal loopback/private/link-local address is 400 (unless OMNI_WEBHOOK_ALLOW_PRIVATE=1). The response's \`secret\` (\`whsec_…\`) is shown once. ${WEBHOOK_NOTE} Without \`instanceIds\` a restricted key's endpoint gets the key's instances.`,
    body: webhookCreateSchema, example: { url: "https://hooks.example.com/omni", events: ["person.merge", "identity.*"], description: "CRM sync", instanceIds: [FAKE_ID] },
    instanceBound: true, success: created("The endpoint with `secret` (shown once)"),
  },
  { method: "GET", path: "/webhooks/{id}", scope: "webhooks:read", tag: "Webhooks", summary: "Get a webhook endpoint", description: WEBHOOK_NOTE, instanceBound: true, success: single("The endpoint") },
  { method: "PATCH", path: "/webhooks/{id}", scope: "webhooks:write", tag: "Webhooks", summary: "Update a webhook endpoint (url, events, description, instanceIds, disabled)", body: webhookUpdateSchema, example: { disabled: false }, instanceBound: true, success: single("The endpoint") },
  { method: "DELETE", path: "/webhooks/{id}", scope: "webhooks:write", tag: "Webhooks", summary: "Delete a webhook endpoint and its deliveries", instanceBound: true, success: deleted },
  { method: "POST", path: "/webhooks/{id}/rotate-secret", scope: "webhooks:write", tag: "Webhooks", summary: "Rotate the signing secret", description: "The new secret is shown once; for 24 h deliveries carry both signatures, space-separated.", body: webhookEmptyBodySchema, example: {}, instanceBound: true, success: single("The endpoint with the new `secret`") },
  { method: "POST", path: "/webhooks/{id}/test", scope: "webhooks:write", tag: "Webhooks", summary: "Send a webhook.test event now", description: "Whatever the endpoint's event filter; the answer is the delivery after its first attempt.", body: webhookEmptyBodySchema, example: {}, instanceBound: true, success: single("The delivery") },
  { method: "GET", path: "/webhooks/{id}/deliveries", scope: "webhooks:read", tag: "Webhooks", summary: "Deliveries of an endpoint (filter status)", query: deliveryListQuerySchema, instanceBound: true, success: list("`{ id, eventId, type, status, attempts, lastStatusCode, lastError, nextAttemptAt, durationMs, createdAt, requestBody, responseBody }`, newest first") },
  { method: "POST", path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver", scope: "webhooks:write", tag: "Webhooks", summary: "Queue a delivery again", body: webhookEmptyBodySchema, example: {}, instanceBound: true, success: single("The delivery, pending") },
];

export const ENDPOINTS: readonly Endpoint[] = [...system, ...catalog, ...routes, ...persons, ...audit, ...keys, ...users, ...account, ...webhooks];

export const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
export const ID_PARAM = idSchema;
