// Inputs of the two-factor enrolment forms (account page server actions).
import { z } from "zod";

/** Starting enrolment takes nothing. */
export const twoFactorBeginSchema = z.strictObject({});

/** The 6-digit code the authenticator app shows (spaces allowed, as apps display "123 456"). */
export const twoFactorConfirmSchema = z.strictObject({
  code: z.string().transform((v) => v.replace(/\s+/g, "")).pipe(z.string().regex(/^\d{6}$/, { error: "Enter the 6-digit code your app shows." })),
});
export type TwoFactorConfirm = z.infer<typeof twoFactorConfirmSchema>;
