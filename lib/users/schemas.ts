// Shapes of dashboard users in and out: shared by the API handlers, the `omni users` CLI, the
// setup-password page and `npm run admin -- create-user`.
import { z } from "zod";
import { ROLES } from "../auth/rules/scopes";
import { idSchema, isoDateTime, listQuerySchema } from "../schemas/common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from "./rules/password-policy";

const roles = ROLES as unknown as readonly ["admin", "lead", "viewer"];

export const emailSchema = z
  .string({ error: "Must be a valid email address." })
  .trim()
  .toLowerCase()
  .max(254, "At most 254 characters.")
  .pipe(z.email({ error: "Must be a valid email address." }));

/** A new password: 12–128 characters and hard enough to guess (zxcvbn-ts score ≥ 3). */
export const passwordSchema = z
  .string({ error: "Required." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .superRefine((password, ctx) => {
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return; // said above
    for (const message of passwordProblems(password)) ctx.addIssue({ code: "custom", message });
  });

const nameSchema = z.string().trim().max(100, "At most 100 characters.");
export const roleSchema = z.enum(roles, { error: "One of admin, lead, viewer." });

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema.nullish(),
  role: roleSchema,
  /** omitted: the user sets one through the setup link in the response */
  password: passwordSchema.optional(),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  name: nameSchema.nullable().optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userListQuerySchema = listQuerySchema.extend({
  role: roleSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** POST bodies that take nothing (password reset, revoke sessions): `{}`. */
export const emptyBodySchema = z.strictObject({});

export const accountUpdateSchema = z.strictObject({ name: nameSchema.nullable() });
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string({ error: "Required." }).min(1, "Required.").max(1024),
  newPassword: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** The setup-password page: the token from the link and the chosen password. */
export const passwordSetupSchema = z.strictObject({
  token: z.string().min(20, "This link is incomplete.").max(200, "This link is invalid."),
  password: passwordSchema,
});
export type PasswordSetup = z.infer<typeof passwordSetupSchema>;

/** The public shape of a user (documentation: the OpenAPI description). Never a hash. */
export const userResponseSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  authMethod: z.enum(["password", "oidc", "proxy"]),
  twoFactorEnabled: z.boolean(),
  lastSignInAt: isoDateTime.nullable(),
  activeSessions: z.number().int().describe("sessions signed in and not ended or idle past 12 h"),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const userCreatedSchema = userResponseSchema.extend({
  setupUrl: z.string().optional().describe("without `password`: the link where the user sets one (shown once, valid 24 h)"),
  setupExpiresAt: isoDateTime.optional(),
});
export const passwordResetResultSchema = z.object({ setupUrl: z.string(), expiresAt: isoDateTime });
export const sessionsRevokedSchema = z.object({ userId: idSchema, revokedSessions: z.number().int() });
export const accountResponseSchema = userResponseSchema.extend({
  mustChangePassword: z.boolean().describe("true until the user sets a password of their own"),
});
