"use server";
// The setup link's form: no session (the link's token is the proof); the service checks the token,
// the password policy, and audits.
import { publicAction } from "@/lib/actions/validated-action";
import { passwordSetupSchema } from "@/lib/users/schemas";
import { completePasswordSetup } from "@/lib/users/password-reset";

export const setPasswordAction = publicAction(passwordSetupSchema, (input) => completePasswordSetup(input.token, input.password));
