import { z } from "zod";
import { isKnownScope } from "../auth/scopes";
import { idSchema, isoDateTime } from "./common";

export const scopeListSchema = z
  .array(z.string().refine(isKnownScope, { message: "Unknown scope." }))
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
