// Webhook endpoint rows: the finders every webhook operation shares (scopes unchecked: callers
// check them; the instance restriction checked here, by the same rule as API keys: a restricted
// principal manages only endpoints whose instance set is inside its own), the secret format and
// the public shape (never the secret, except once at creation and rotation).
import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { forbidden, notFound } from "../errors";
import type { Prisma, WebhookEndpoint } from "../generated/prisma/client";
import type { Principal } from "../auth/principal";
import { canManageKey } from "../auth/instance-policy";
import type { Tx } from "../audit/write-audit";
import type { SubjectRef } from "../audit/subject-scope";

/** A new signing secret: `whsec_` + base64 of 24 random bytes (Standard Webhooks). */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

/** The instances an endpoint is restricted to; null = every instance. */
export const webhookInstances = (w: Pick<WebhookEndpoint, "instanceIds">): string[] | null =>
  Array.isArray(w.instanceIds) ? (w.instanceIds as string[]) : null;

/** The endpoint row if the principal may manage it; 404 `NOT_FOUND` otherwise. */
export async function findManagedWebhook(p: Principal, id: string, db: Tx | typeof prisma = prisma): Promise<WebhookEndpoint> {
  const w = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!w || !canManageKey(p, webhookInstances(w))) throw notFound("Webhook");
  return w;
}

/** Prisma `where` for the endpoints the principal may manage (instance sets are JSON: read once). */
export async function managedWebhooksWhere(p: Principal): Promise<Prisma.WebhookEndpointWhereInput> {
  if (p.instanceIds === null) return {};
  const rows = await prisma.webhookEndpoint.findMany({ select: { id: true, instanceIds: true } });
  return { id: { in: rows.filter((w) => canManageKey(p, webhookInstances(w))).map((w) => w.id) } };
}

/**
 * The instance set a principal may give an endpoint: omitted (`undefined`) is the principal's own
 * instances (every instance when unrestricted); `null`/`[]` means every instance, which only an
 * unrestricted principal may choose; a set outside the restriction is 403 `FORBIDDEN`.
 */
export function grantedInstances(p: Principal, requested: string[] | null | undefined): string[] | null {
  const wanted = requested === undefined ? p.instanceIds : requested && requested.length ? [...new Set(requested)] : null;
  if (p.instanceIds !== null) {
    if (!wanted) throw forbidden("An instance-restricted API key can only manage webhooks of its own instances.", { instanceIds: null });
    const outside = wanted.filter((i) => !p.instanceIds!.includes(i));
    if (outside.length) throw forbidden("This API key is restricted to other instances.", { instanceIds: outside });
  }
  return wanted;
}

/** The audit subject of an endpoint: a webhook with its instances (who may see its events). */
export const webhookSubject = (w: Pick<WebhookEndpoint, "id" | "instanceIds">): SubjectRef => ({
  id: w.id, type: "webhook", instanceIds: webhookInstances(w) ?? [],
});

/** The public shape of an endpoint (never the secret). */
export function webhookView(w: WebhookEndpoint) {
  return {
    id: w.id,
    url: w.url,
    description: w.description,
    events: w.events as string[],
    instanceIds: webhookInstances(w),
    disabled: w.disabled,
    disabledAt: w.disabledAt,
    disabledReason: w.disabledReason,
    failingSince: w.failingSince,
    secretRotating: !!(w.previousSecret && w.previousExpiresAt && w.previousExpiresAt > new Date()),
    previousSecretExpiresAt: w.previousSecret && w.previousExpiresAt && w.previousExpiresAt > new Date() ? w.previousExpiresAt : null,
    createdBy: w.createdByLabel,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
export type WebhookView = ReturnType<typeof webhookView>;

/** What an audit snapshot records of an endpoint (never the secret). */
export const webhookAuditView = (w: WebhookEndpoint) => {
  const v = webhookView(w);
  return { id: v.id, url: v.url, description: v.description, events: v.events, instanceIds: v.instanceIds, disabled: v.disabled };
};
