import { z } from "zod";

export const loginSchema = z.object({
  email: z.email({ error: "Enter a valid email address." }),
  password: z.string().min(1, { error: "Enter your password." }),
  /** asked for after the password when the account has two-factor on */
  code: z.string().max(32).optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
