// Shapes the API returns, derived from the services that produce them (type-only imports: nothing
// of the server is loaded at run time) and the zod schemas that validate what is sent — no
// second copy of the API shapes.
import type { z } from "zod";
import type { keyView } from "../keys/key-records";
import type { keyCreateSchema, keyRevokeSchema, keyRollSchema, keyUpdateSchema } from "../keys/schemas";
import type { rollApiKey } from "../keys/roll-key";
import type { keyUsageSeries } from "../keys/usage-series";
import type { agentCreateSchema, chatCreateSchema, instanceCreateSchema, instanceUpdateSchema } from "../catalog/schemas";
import type { createInstance } from "../catalog/instances";
import type { routeCreateSchema, routeTestSchema, routeUpdateSchema, RouteListQuery } from "../routes/schemas";
import type { RouteView } from "../routes/route-records";
import type { listAudit, getAuditEvent } from "../audit/read-audit";
import type { revertAuditEvent } from "../audit/revert-event";
import type { AuditListQuery, auditRevertSchema } from "../audit/schemas";
import type {
  activitySchema, linkSchema, mergeSchema, personCreateSchema, personEraseSchema, PersonSearchQuery, personUpdateSchema, unlinkSchema,
} from "../persons/schemas";
import type { getPerson } from "../persons/get-person";
import type { PersonListItem as PersonListRow } from "../persons/search-persons";
import type { getPresence, recordActivity } from "../persons/presence";
import type { mergePersons } from "../persons/merge-persons";
import type { linkIdentities } from "../persons/link-identities";
import type { unlinkIdentity } from "../persons/unlink-identity";
import type { erasePerson } from "../privacy/erase-person";
import type { ResolvedRoute, RouteMetrics as ResolverMetrics } from "../routes/resolver";
import type { createAgent } from "../catalog/agents";
import type { createChat } from "../catalog/chats";
import type { UserView } from "../users/user-view";
import type { createUser } from "../users/create-user";
import type { userCreateSchema, userUpdateSchema } from "../users/schemas";
import type { WebhookView } from "../webhooks/webhook-records";
import type { deliveryView } from "../webhook-delivery/list-deliveries";
import type { webhookCreateSchema, webhookUpdateSchema } from "../webhooks/schemas";

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

export type ServerInfo = { name: string; version: string; authModes: string[]; twoFactor?: "off" | "optional" | "admin" | "all"; database: "sqlite" | "postgresql" };
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
export type Person = Wire<Awaited<ReturnType<typeof getPerson>>>;
export type Identity = Person["identities"][number];
export type PersonListItem = Wire<PersonListRow>;
export type PersonCreateInput = z.input<typeof personCreateSchema>;
export type PersonUpdateInput = z.input<typeof personUpdateSchema>;
export type PersonSearchParams = Partial<Omit<PersonSearchQuery, "limit" | "cursor">> & ListParams;
export type Presence = Wire<Awaited<ReturnType<typeof getPresence>>>;
export type MergeInput = z.input<typeof mergeSchema>;
export type MergeResult = Wire<Awaited<ReturnType<typeof mergePersons>>>;
export type LinkInput = z.input<typeof linkSchema>;
export type LinkResult = Wire<Awaited<ReturnType<typeof linkIdentities>>>;
export type UnlinkInput = z.input<typeof unlinkSchema>;
export type UnlinkResult = Wire<Awaited<ReturnType<typeof unlinkIdentity>>>;
export type PersonEraseInput = z.input<typeof personEraseSchema>;
export type ErasureResult = Wire<Awaited<ReturnType<typeof erasePerson>>>;
export type ActivityInput = z.input<typeof activitySchema>;
export type ActivityResult = Wire<Awaited<ReturnType<typeof recordActivity>>>;

// audit
export type AuditEvent = Wire<Awaited<ReturnType<typeof listAudit>>["items"][number]>;
export type AuditEventDetail = Wire<Awaited<ReturnType<typeof getAuditEvent>>>;
export type AuditListParams = Partial<Pick<AuditListQuery, "action" | "actorId" | "targetId" | "personId" | "from" | "to">> & ListParams;
export type AuditRevertInput = z.input<typeof auditRevertSchema>;
export type AuditRevertResult = Wire<Awaited<ReturnType<typeof revertAuditEvent>>>;

// catalog (instances, agents, chats): what a script needs to set up routes
export type Instance = Wire<Awaited<ReturnType<typeof createInstance>>>;
export type Agent = Wire<Awaited<ReturnType<typeof createAgent>>>;
export type Chat = Wire<Awaited<ReturnType<typeof createChat>>>;
export type InstanceCreateInput = z.input<typeof instanceCreateSchema>;
export type InstanceUpdateInput = z.input<typeof instanceUpdateSchema>;
export type AgentCreateInput = z.input<typeof agentCreateSchema>;
export type ChatCreateInput = z.input<typeof chatCreateSchema>;
export type ChatListParams = ListParams & { instance?: string; q?: string };

// users (dashboard accounts)
export type User = Wire<UserView>;
export type CreatedUser = Wire<Awaited<ReturnType<typeof createUser>>> & { setupUrl?: string; setupExpiresAt?: string };
export type UserCreateInput = z.input<typeof userCreateSchema>;
export type UserUpdateInput = z.input<typeof userUpdateSchema>;
export type UserListParams = ListParams & { role?: "admin" | "lead" | "viewer" };
export type PasswordReset = { setupUrl: string; expiresAt: string };
export type SessionsRevoked = { userId: string; revokedSessions: number };

// webhooks (webhooks:read / webhooks:write)
export type Webhook = Wire<WebhookView>;
export type WebhookWithSecret = Webhook & { secret: string };
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;
export type WebhookUpdateInput = z.input<typeof webhookUpdateSchema>;
export type WebhookDelivery = Wire<ReturnType<typeof deliveryView>> & { requestBody?: string | null; responseBody?: string | null };
export type DeliveryListParams = ListParams & { status?: "pending" | "succeeded" | "failed" };
