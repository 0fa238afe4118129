// Persons, identities and the audit log: the zod schemas shared by the API handlers, the server
// actions, the dashboard forms and the `omni` CLI.
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { idSchema, isoDateTime, limitSchema } from "../schemas/common";

/** "" (an emptied form field) means "clear it". */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const PHONE_HINT = "Use international format with the country code, e.g. +14155550123.";

/** A phone number in any international notation ("+1 415-555 0123"), stored as E.164. */
export const e164PhoneSchema = z
  .string()
  .trim()
  .max(40, "At most 40 characters.")
  .transform((v, ctx) => {
    const parsed = v.startsWith("+") ? parsePhoneNumberFromString(v) : undefined;
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({
        code: "custom",
        message: v.startsWith("+") ? `Not a valid phone number. ${PHONE_HINT}` : `Start with + and the country code. ${PHONE_HINT}`,
      });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "Not a valid email address." }));
const urlSchema = z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, message: "Must be an http(s) URL." }));
const displayNameSchema = z.string().trim().max(200, "At most 200 characters.");

export const metadataSchema = z
  .record(z.string(), z.unknown(), { message: "Must be a JSON object." })
  .refine((o) => JSON.stringify(o).length <= 64 * 1024, "At most 64 KiB of JSON.");

const nullable = <S extends z.ZodType>(s: S) => z.preprocess(blankToNull, s.nullable());

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
  cursor: z.string().regex(/^o\d{1,7}$/, "Not a cursor from this API.").optional(),
  channel: z.enum(["whatsapp", "telegram", "discord", "slack", "email", "sms"]).optional(),
});
export type PersonSearchQuery = z.infer<typeof personSearchQuerySchema>;

const reasonSchema = z.string().trim().max(500, "At most 500 characters.");

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

export const activitySchema = z.strictObject({
  at: isoDateTime.optional(),
  messages: z.number().int().min(0).max(1_000_000).optional(),
});
export type ActivityInput = z.infer<typeof activitySchema>;

export const AUDIT_ACTIONS = [
  "route.create", "route.update", "route.delete",
  "person.create", "person.update", "person.merge",
  "identity.link", "identity.unlink",
  "key.create", "key.update", "key.roll", "key.revoke", "key.delete",
  "audit.revert",
  "instance.create", "instance.update", "instance.delete",
  "agent.create", "agent.update",
  "user.create", "user.lockout",
] as const;
/** Actions whose events can be reverted. */
export const REVERTIBLE_ACTIONS = ["person.merge", "identity.link", "identity.unlink"] as const;

export const auditListQuerySchema = z
  .object({
    action: z.string().trim().max(60).regex(/^[a-z]+(\.[a-z]+)?$/, "An action such as person.merge.").optional(),
    actorId: z.string().trim().min(1).max(200).optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    personId: idSchema.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    limit: limitSchema,
    cursor: idSchema.optional(),
    format: z.enum(["json", "csv", "ndjson"]).default("json"),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: "from must not be after to.", path: ["to"] });
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditRevertSchema = z.strictObject({
  reason: nullable(reasonSchema).optional(),
});
export type AuditRevertInput = z.infer<typeof auditRevertSchema>;
