import { z } from "zod";
import { ALL_SCOPES } from "../auth/rules/scopes";
import { idSchema, isoDateTime, cursorSchema } from "../schemas/common";

export const scopeListSchema = z
  .array(z.enum(ALL_SCOPES as [string, ...string[]], { message: "Unknown scope." }))
  .min(1, "At least one scope.")
  .max(50);

export const keyCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Required.").max(100),
  description: z.string().trim().max(500).nullish(),
  scopes: scopeListSchema,
  instanceIds: z.array(idSchema).max(500).nullish(),
  rateLimit: z.number().int().min(1).max(100_000).nullish(),
  expiresAt: isoDateTime.nullish(),
});
export type KeyCreate = z.infer<typeof keyCreateSchema>;

export const keyUpdateSchema = z.strictObject({
  name: z.string().trim().min(1, "Required.").max(100).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  scopes: scopeListSchema.optional(),
  instanceIds: z.array(idSchema).max(500).nullable().optional(),
  rateLimit: z.number().int().min(1).max(100_000).nullable().optional(),
  expiresAt: isoDateTime.nullable().optional(),
});
export type KeyUpdate = z.infer<typeof keyUpdateSchema>;

export const KEY_STATUSES = ["active", "revoked", "expired"] as const;

export const keyListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: cursorSchema.optional(),
  status: z.enum(KEY_STATUSES).optional(),
});
export type KeyListQuery = z.infer<typeof keyListQuerySchema>;

export const keyRevokeSchema = z.strictObject({
  reason: z.string().trim().max(500).nullish(),
});
export type KeyRevoke = z.infer<typeof keyRevokeSchema>;

/** Seven days at most: a grace period is for a deploy to pick up the new key, not a second life. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export const keyRollSchema = z.strictObject({
  /** The old key keeps working this long (0 = revoked at once). */
  gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(0),
  /** Expiry of the replacement; default: the old key's expiry. `null` = never. */
  expiresAt: isoDateTime.nullish(),
  reason: z.string().trim().max(500).nullish(),
});
export type KeyRoll = z.infer<typeof keyRollSchema>;

export const keyUsageQuerySchema = z.object({
  hours: z.coerce.number().int().min(1).max(24 * 31).default(24 * 7),
});

/** The public shape of a key in responses (documentation: the OpenAPI description). */
export const keyResponseSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  prefix: z.string().describe("omni_sk_ plus the next 8 characters: enough to recognise the key, never to use it"),
  scopes: z.array(z.string()),
  instanceIds: z.array(idSchema).nullable().describe("null = every instance"),
  rateLimit: z.number().int().nullable().describe("requests per minute; null = the server default"),
  expiresAt: isoDateTime.nullable(),
  status: z.enum(KEY_STATUSES),
  revokedAt: isoDateTime.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  rolledFromId: idSchema.nullable(),
  lastUsedAt: isoDateTime.nullable(),
  lastUsedIp: z.string().nullable(),
  usageCount: z.number().int(),
  createdBy: z.string().nullable(),
  createdById: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const keyCreatedSchema = keyResponseSchema.extend({
  key: z.string().describe("the raw key: shown in this response only, never again"),
});
export const keyUsageSchema = z.object({
  keyId: idSchema,
  from: isoDateTime,
  total: z.number().int(),
  usageCount: z.number().int().describe("all requests ever made with the key"),
  lastUsedAt: isoDateTime.nullable(),
  lastUsedIp: z.string().nullable(),
  hours: z.array(z.object({ hour: isoDateTime, count: z.number().int() })),
});

/** Server actions of the keys page: the API bodies plus the key's id. */
