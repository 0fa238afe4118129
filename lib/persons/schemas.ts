// Persons and identities: the zod schemas shared by the API handlers, the server
// actions, the dashboard forms and the `omni` CLI.
import { z } from "zod";
import { idSchema, isoDateTime, limitSchema, nullable, reasonSchema, cursorSchema } from "../schemas/common";
import { PHONE_HINT, toE164 } from "./rules/e164";


export { PHONE_HINT };

/** A phone number in any international notation ("+1 415-555 0123"), stored as E.164. */
export const e164PhoneSchema = z
  .string()
  .trim()
  .max(40, "At most 40 characters.")
  .transform((v, ctx) => {
    const r = toE164(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.number;
  });

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "Not a valid email address." }));
const urlSchema = z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, message: "Must be an http(s) URL." }));
const displayNameSchema = z.string().trim().max(200, "At most 200 characters.");

export const metadataSchema = z
  .record(z.string(), z.unknown(), { message: "Must be a JSON object." })
  .refine((o) => JSON.stringify(o).length <= 64 * 1024, "At most 64 KiB of JSON.");


export const identityInputSchema = z.strictObject({
  instanceId: idSchema,
  platformUserId: z.string().trim().min(1, "Required.").max(200),
  platformUsername: nullable(z.string().trim().max(200)).optional(),
});

export const personCreateSchema = z.strictObject({
  displayName: nullable(displayNameSchema).optional(),
  primaryPhone: nullable(e164PhoneSchema).optional(),
  primaryEmail: nullable(emailSchema).optional(),
  avatarUrl: nullable(urlSchema).optional(),
  metadata: metadataSchema.nullable().optional(),
  identities: z.array(identityInputSchema).max(100).optional(),
});
export type PersonCreate = z.infer<typeof personCreateSchema>;

export const personUpdateSchema = z.strictObject({
  displayName: nullable(displayNameSchema).optional(),
  primaryPhone: nullable(e164PhoneSchema).optional(),
  primaryEmail: nullable(emailSchema).optional(),
  avatarUrl: nullable(urlSchema).optional(),
  metadata: metadataSchema.nullable().optional(),
});
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

/** The edit form: like personUpdateSchema, with metadata typed as JSON text. */
export const personEditFormSchema = personUpdateSchema.extend({
  metadata: z.string().transform((text, ctx) => {
    if (!text.trim()) return null;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: `Not valid JSON: ${(e as Error).message}` });
      return z.NEVER;
    }
    const r = metadataSchema.safeParse(v);
    if (!r.success) {
      ctx.addIssue({ code: "custom", message: r.error.issues[0]?.message ?? "Must be a JSON object." });
      return z.NEVER;
    }
    return r.data;
  }),
});

export const personSearchQuerySchema = z.object({
  q: z.string().max(200, "At most 200 characters.").optional(),
  limit: limitSchema,
  /** Opaque, from the previous page's nextCursor. */
  cursor: cursorSchema.optional(),
  channel: z.enum(["whatsapp", "telegram", "discord", "slack", "email", "sms"]).optional(),
});
export type PersonSearchQuery = z.infer<typeof personSearchQuerySchema>;


export const mergeSchema = z.strictObject({
  sourceId: idSchema,
  targetId: idSchema,
  reason: nullable(reasonSchema).optional(),
});
export type MergeInput = z.infer<typeof mergeSchema>;

export const linkSchema = z.strictObject({
  identityA: idSchema,
  identityB: idSchema,
  reason: nullable(reasonSchema).optional(),
});
export type LinkInput = z.infer<typeof linkSchema>;

export const unlinkSchema = z.strictObject({
  reason: nullable(reasonSchema).optional(),
});
export type UnlinkInput = z.infer<typeof unlinkSchema>;

/** DELETE /persons/:id: why the person is erased (required; kept in the person.erase event). */
export const personEraseSchema = z.strictObject({
  reason: reasonSchema.min(1, "Required: say why (e.g. the erasure request's reference)."),
});
export type PersonErase = z.infer<typeof personEraseSchema>;

/** The erase dialog's form: the person's name (`expected`) typed again, and the reason. */
export const personEraseFormSchema = (expected: string) =>
  personEraseSchema.extend({
    confirmation: z.string().refine((v) => v.trim() === expected.trim(), `Type "${expected}" exactly to confirm.`),
  });

export const activitySchema = z.strictObject({
  at: isoDateTime.optional(),
  messages: z.number().int().min(0).max(1_000_000).optional(),
});
export type ActivityInput = z.infer<typeof activitySchema>;

