// A small typed client for the Omni Admin HTTP API (../shared/API.md), usable from TypeScript
// code and used by the `omni` CLI:
//
//   const omni = new OmniClient({ baseUrl: "http://localhost:3000", apiKey: process.env.OMNI_API_KEY });
//   const route = await omni.routes.create({ instanceId, scope: "chat", chatId, agentId });
//
// Single resources come back unwrapped (the `data` member), lists as { items, nextCursor }.
// Failures throw OmniApiError. 5xx, 429 and transport errors are retried (./retry.ts); every POST
// carries an Idempotency-Key that stays the same across its retries, so a retried create is
// never applied twice.
import { randomUUID } from "node:crypto";
import { errorFromResponse, OmniApiError } from "./errors";
import { DEFAULT_RETRY_POLICY, nextRetryDelayMs, outcomeForStatus, type AttemptOutcome, type RetryPolicy } from "./retry";
import type * as T from "./types";

export const DEFAULT_API_URL = "http://localhost:3000";

export type OmniClientOptions = {
  /** e.g. http://localhost:3000 (the /api/v1 base path is added) */
  baseUrl?: string;
  apiKey?: string | null;
  retry?: Partial<RetryPolicy>;
  /** per-attempt timeout; a timeout counts as a transport error */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** how the client waits between attempts (tests inject a fake) */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** diagnostics (one line per attempt / retry); nothing is logged without it */
  log?: (line: string) => void;
  userAgent?: string;
};

type Query = Record<string, string | number | boolean | null | undefined>;
type RequestOptions = { query?: Query; body?: unknown; /** return the body as text (exports) */ text?: boolean };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeTransportError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "the request timed out";
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

export class OmniClient {
  readonly baseUrl: string;
  private readonly apiKey: string | null;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly userAgent: string;

  constructor(opts: OmniClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
    this.apiKey = opts.apiKey ?? null;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.fetchFn = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? (() => {});
    this.userAgent = opts.userAgent ?? "omni-client";
  }

  /** One API call with the retry policy applied; returns the parsed JSON body. */
  async request<R>(method: string, path: string, opts: RequestOptions = {}): Promise<R> {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { Accept: opts.text ? "*/*" : "application/json", "User-Agent": this.userAgent };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    if (method === "POST") headers["Idempotency-Key"] = randomUUID();
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let outcome: AttemptOutcome;
      let failure: OmniApiError;
      try {
        const res = await this.fetchFn(url, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
        const requestId = res.headers.get("x-request-id");
        const text = await res.text();
        if (res.ok && opts.text) {
          this.log(`${method} ${url.pathname}${url.search} → ${res.status} in ${Date.now() - started} ms (attempt ${attempt}, ${text.length} characters)`);
          return text as R;
        }
        this.log(`${method} ${url.pathname}${url.search} → ${res.status} in ${Date.now() - started} ms (attempt ${attempt}${requestId ? `, request id ${requestId}` : ""})`);
        let parsed: unknown = null;
        if (text) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
        }
        if (res.ok) {
          if (parsed === undefined) {
            throw new OmniApiError({ status: res.status, code: "BAD_RESPONSE", message: "The server's answer is not JSON.", requestId, attempts: attempt });
          }
          return parsed as R;
        }
        failure = errorFromResponse(res.status, parsed ?? null, requestId, attempt);
        outcome = outcomeForStatus(res.status, res.headers.get("retry-after"));
      } catch (e) {
        if (e instanceof OmniApiError) throw e;
        const why = describeTransportError(e);
        this.log(`${method} ${url.pathname}${url.search} failed: ${why} (attempt ${attempt})`);
        failure = new OmniApiError({
          status: 0,
          code: "UNREACHABLE",
          message: `Cannot reach the Omni API at ${this.baseUrl}: ${why}.`,
          attempts: attempt,
          cause: e,
        });
        outcome = { kind: "transport" };
      }
      const delay = nextRetryDelayMs(outcome, attempt, this.policy, this.random);
      if (delay === null) {
        if (attempt > 1 && outcome.kind !== "final") {
          throw new OmniApiError({
            status: failure.status,
            code: failure.code,
            message: `${failure.message} (gave up after ${attempt} attempts)`,
            details: failure.details,
            requestId: failure.requestId,
            attempts: attempt,
            cause: failure.cause,
          });
        }
        throw failure;
      }
      this.log(`retrying in ${delay} ms (${failure.code})`);
      await this.sleep(delay);
    }
  }

  private get<R>(path: string, query?: Query) {
    return this.request<R>("GET", path, { query });
  }
  private async data<R>(method: string, path: string, body?: unknown, query?: Query): Promise<R> {
    return (await this.request<{ data: R }>(method, path, { body, query })).data;
  }
  private page<R>(path: string, query?: Query) {
    return this.request<T.Page<R>>("GET", path, { query });
  }

  /** Follows `nextCursor` until the end; `fetchPage` is one of the list methods. */
  async all<R, P extends T.ListParams>(fetchPage: (params: P) => Promise<T.Page<R>>, params: P): Promise<R[]> {
    const items: R[] = [];
    let cursor: string | undefined = params.cursor;
    for (;;) {
      const page = await fetchPage({ ...params, cursor });
      items.push(...page.items);
      if (!page.nextCursor) return items;
      cursor = page.nextCursor;
    }
  }

  info = () => this.data<T.ServerInfo>("GET", "/info");
  health = () => this.data<T.Health>("GET", "/health");

  auth = {
    status: () => this.data<T.WhoAmI>("GET", "/auth/status"),
  };

  keys = {
    create: (input: T.KeyCreateInput) => this.data<T.CreatedApiKey>("POST", "/keys", input),
    list: (params: T.KeyListParams = {}) => this.page<T.ApiKey>("/keys", params),
    get: (id: string) => this.data<T.ApiKey>("GET", `/keys/${enc(id)}`),
    update: (id: string, input: T.KeyUpdateInput) => this.data<T.ApiKey>("PATCH", `/keys/${enc(id)}`, input),
    revoke: (id: string, input: T.KeyRevokeInput = {}) => this.data<T.ApiKey>("POST", `/keys/${enc(id)}/revoke`, input),
    /** a replacement with the same settings; the old key is revoked at once or after a grace period */
    roll: (id: string, input: T.KeyRollInput = {}) => this.data<T.RolledApiKey>("POST", `/keys/${enc(id)}/roll`, input),
    usage: (id: string, params: { hours?: number } = {}) => this.data<T.KeyUsage>("GET", `/keys/${enc(id)}/usage`, undefined, params),
    delete: (id: string) => this.data<T.Deleted>("DELETE", `/keys/${enc(id)}`),
  };

  /** dashboard users (users:read / users:write) */
  users = {
    list: (params: T.UserListParams = {}) => this.page<T.User>("/users", params),
    get: (id: string) => this.data<T.User>("GET", `/users/${enc(id)}`),
    /** without `password` the result carries a one-time `setupUrl` */
    create: (input: T.UserCreateInput) => this.data<T.CreatedUser>("POST", "/users", input),
    update: (id: string, input: T.UserUpdateInput) => this.data<T.User>("PATCH", `/users/${enc(id)}`, input),
    /** ends the user's password and sessions; returns the link where they choose a new one */
    resetPassword: (id: string) => this.data<T.PasswordReset>("POST", `/users/${enc(id)}/password-reset`, {}),
    revokeSessions: (id: string) => this.data<T.SessionsRevoked>("POST", `/users/${enc(id)}/sessions/revoke`, {}),
    delete: (id: string) => this.data<T.Deleted>("DELETE", `/users/${enc(id)}`),
  };

  /** webhook endpoints and their deliveries (webhooks:read / webhooks:write) */
  webhooks = {
    list: (params: T.ListParams = {}) => this.page<T.Webhook>("/webhooks", params),
    get: (id: string) => this.data<T.Webhook>("GET", `/webhooks/${enc(id)}`),
    /** the result carries the signing `secret`, shown once */
    create: (input: T.WebhookCreateInput) => this.data<T.WebhookWithSecret>("POST", "/webhooks", input),
    update: (id: string, input: T.WebhookUpdateInput) => this.data<T.Webhook>("PATCH", `/webhooks/${enc(id)}`, input),
    delete: (id: string) => this.data<T.Deleted>("DELETE", `/webhooks/${enc(id)}`),
    rotateSecret: (id: string) => this.data<T.WebhookWithSecret>("POST", `/webhooks/${enc(id)}/rotate-secret`, {}),
    test: (id: string) => this.data<T.WebhookDelivery>("POST", `/webhooks/${enc(id)}/test`, {}),
    deliveries: (id: string, params: T.DeliveryListParams = {}) => this.page<T.WebhookDelivery>(`/webhooks/${enc(id)}/deliveries`, params),
    redeliver: (id: string, deliveryId: string) => this.data<T.WebhookDelivery>("POST", `/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`, {}),
  };

  routes = {
    list: (params: T.RouteListParams = {}) => this.request<T.RouteListPage>("GET", "/routes", { query: params }),
    get: (id: string) => this.data<T.Route>("GET", `/routes/${enc(id)}`),
    create: (input: T.RouteCreateInput) => this.data<T.Route>("POST", "/routes", input),
    update: (id: string, input: T.RouteUpdateInput) => this.data<T.Route>("PATCH", `/routes/${enc(id)}`, input),
    delete: (id: string) => this.data<T.Deleted>("DELETE", `/routes/${enc(id)}`),
    test: (input: T.RouteTestInput) => this.data<T.RouteResolution>("POST", "/routes/test", input),
    metrics: () => this.data<T.RouteMetrics>("GET", "/routes/metrics"),
  };

  persons = {
    search: (params: T.PersonSearchParams = {}) => this.page<T.PersonListItem>("/persons", params),
    get: (id: string) => this.data<T.Person>("GET", `/persons/${enc(id)}`),
    create: (input: T.PersonCreateInput) => this.data<T.Person>("POST", "/persons", input),
    update: (id: string, input: T.PersonUpdateInput) => this.data<T.Person>("PATCH", `/persons/${enc(id)}`, input),
    presence: (id: string) => this.data<T.Presence>("GET", `/persons/${enc(id)}/presence`),
    merge: (input: T.MergeInput) => this.data<T.MergeResult>("POST", "/persons/merge", input),
    /** right to erasure: deletes the person and makes their personal data in the audit trail unreadable */
    erase: (id: string, input: T.PersonEraseInput) => this.data<T.ErasureResult>("DELETE", `/persons/${enc(id)}`, input),
  };

  identities = {
    link: (input: T.LinkInput) => this.data<T.LinkResult>("POST", "/identities/link", input),
    unlink: (id: string, input: T.UnlinkInput = {}) => this.data<T.UnlinkResult>("POST", `/identities/${enc(id)}/unlink`, input),
    recordActivity: (id: string, input: T.ActivityInput = {}) => this.data<T.ActivityResult>("POST", `/identities/${enc(id)}/activity`, input),
  };

  audit = {
    /** newest first, without the before/after snapshots */
    list: (params: T.AuditListParams = {}) => this.page<T.AuditEvent>("/audit", params),
    get: (id: string) => this.data<T.AuditEventDetail>("GET", `/audit/${enc(id)}`),
    /** undoes a merge, link or unlink */
    revert: (id: string, input: T.AuditRevertInput = {}) => this.data<T.AuditRevertResult>("POST", `/audit/${enc(id)}/revert`, input),
    /** the whole filtered log as CSV or NDJSON text */
    export: (format: "csv" | "ndjson", params: Omit<T.AuditListParams, "limit" | "cursor"> = {}) =>
      this.request<string>("GET", "/audit", { query: { ...params, format }, text: true }),
  };

  instances = {
    list: (params: T.ListParams = {}) => this.page<T.Instance>("/instances", params),
    get: (id: string) => this.data<T.Instance>("GET", `/instances/${enc(id)}`),
    create: (input: T.InstanceCreateInput) => this.data<T.Instance>("POST", "/instances", input),
    update: (id: string, input: T.InstanceUpdateInput) => this.data<T.Instance>("PATCH", `/instances/${enc(id)}`, input),
    delete: (id: string) => this.data<T.Deleted>("DELETE", `/instances/${enc(id)}`),
  };

  agents = {
    list: (params: T.ListParams = {}) => this.page<T.Agent>("/agents", params),
    get: (id: string) => this.data<T.Agent>("GET", `/agents/${enc(id)}`),
    create: (input: T.AgentCreateInput) => this.data<T.Agent>("POST", "/agents", input),
  };

  chats = {
    list: (params: T.ChatListParams = {}) => this.page<T.Chat>("/chats", params),
    get: (id: string) => this.data<T.Chat>("GET", `/chats/${enc(id)}`),
    create: (input: T.ChatCreateInput) => this.data<T.Chat>("POST", "/chats", input),
  };
}

const enc = encodeURIComponent;
