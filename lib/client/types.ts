// Shapes the API returns, derived from the services that produce them (type-only imports: nothing
// of the server is loaded at run time) and the zod schemas that validate what is sent — no
// second copy of the API shapes.
import type { z } from "zod";
import type { keyView } from "../services/api-keys";
import type { keyCreateSchema, keyRevokeSchema, keyRollSchema, keyUpdateSchema } from "../schemas/keys";
import type { rollApiKey } from "../services/api-keys-lifecycle";
import type { keyUsageSeries } from "../services/api-keys-usage";
import type { agentCreateSchema, chatCreateSchema, instanceCreateSchema, instanceUpdateSchema } from "../schemas/catalog";
import type { createInstance } from "../services/instances";
import type { routeCreateSchema, routeTestSchema, routeUpdateSchema, RouteListQuery } from "../schemas/routes";
import type { RouteView } from "../services/routes";
import type { ResolvedRoute, RouteMetrics as ResolverMetrics } from "../services/route-resolver";
import type { createAgent } from "../services/agents";
import type { createChat } from "../services/chats";

/** What a value looks like after JSON.stringify / JSON.parse: dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Page<T> = { items: T[]; nextCursor: string | null };
export type Deleted = { id: string; deleted: true };
export type ListParams = { limit?: number; cursor?: string };

export type ServerInfo = { name: string; version: string; authModes: string[]; database: "sqlite" | "postgresql" };
export type Health = { status: string; db: string };
export type WhoAmI = {
  type: "apiKey" | "session" | "system";
  id: string;
  name: string;
  scopes: string[];
  instanceIds: string[] | null;
  role?: string;
};

// keys
export type ApiKey = Wire<ReturnType<typeof keyView>>;
export type CreatedApiKey = ApiKey & { key: string };
export type KeyCreateInput = z.input<typeof keyCreateSchema>;
export type KeyUpdateInput = z.input<typeof keyUpdateSchema>;
export type KeyListParams = ListParams & { status?: "active" | "revoked" | "expired" };
export type KeyRevokeInput = z.input<typeof keyRevokeSchema>;
export type KeyRollInput = z.input<typeof keyRollSchema>;
export type RolledApiKey = Wire<Awaited<ReturnType<typeof rollApiKey>>>;
export type KeyUsage = Wire<Awaited<ReturnType<typeof keyUsageSeries>>>;

// routes
export type Route = Wire<RouteView>;
export type RouteCreateInput = z.input<typeof routeCreateSchema>;
export type RouteUpdateInput = z.input<typeof routeUpdateSchema>;
/** list filters: the query schema's fields, typed as the client sends them */
export type RouteListParams = Partial<Omit<RouteListQuery, "limit">> & ListParams;
export type RouteListPage = Page<Route> & { total?: number };
export type RouteTestInput = z.input<typeof routeTestSchema>;
export type RouteResolution = Wire<ResolvedRoute>;
export type RouteMetrics = Wire<ResolverMetrics>;

// persons
export type Identity = {
  id: string;
  personId: string;
  instanceId: string;
  platformUserId: string;
  platformUsername: string | null;
  [field: string]: unknown;
};
export type Person = {
  id: string;
  displayName: string | null;
  primaryPhone: string | null;
  primaryEmail: string | null;
  identities?: Identity[];
  [field: string]: unknown;
};
export type PersonCreateInput = {
  displayName?: string | null;
  primaryPhone?: string | null;
  primaryEmail?: string | null;
  avatarUrl?: string | null;
  metadata?: Record<string, unknown> | null;
  identities?: { instanceId: string; platformUserId: string; platformUsername?: string | null }[];
};
export type PersonUpdateInput = Omit<PersonCreateInput, "identities">;
export type PersonSearchParams = ListParams & { q?: string };
export type Presence = {
  summary: { totalIdentities: number; activeChannels: number; totalMessages: number; firstSeenAt: string | null; lastSeenAt: string | null; online: boolean };
  byChannel: Record<string, unknown>;
  identities: unknown[];
  [field: string]: unknown;
};
export type MergeInput = { sourceId: string; targetId: string; reason?: string };
export type MergeResult = { person: Person; mergedIdentityIds: string[]; deletedPersonId: string; auditEventId: string };
export type LinkInput = { identityA: string; identityB: string; reason?: string };
export type LinkResult = { person: Person; auditEventId: string };
export type UnlinkResult = { person: Person; identity: Identity; auditEventId: string };

// catalog (instances, agents, chats): what a script needs to set up routes
export type Instance = Wire<Awaited<ReturnType<typeof createInstance>>>;
export type Agent = Wire<Awaited<ReturnType<typeof createAgent>>>;
export type Chat = Wire<Awaited<ReturnType<typeof createChat>>>;
export type InstanceCreateInput = z.input<typeof instanceCreateSchema>;
export type InstanceUpdateInput = z.input<typeof instanceUpdateSchema>;
export type AgentCreateInput = z.input<typeof agentCreateSchema>;
export type ChatCreateInput = z.input<typeof chatCreateSchema>;
export type ChatListParams = ListParams & { instance?: string; q?: string };
