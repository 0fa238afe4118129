"use server";
// Server actions of the account page: the same service functions as /api/v1/account and
// /api/v1/account/password, on the signed-in user's own account only.
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/actions/validated-action";
import { accountUpdateSchema, passwordChangeSchema } from "@/lib/users/schemas";
import { changeOwnPassword, updateAccount } from "@/lib/users/account";
import { twoFactorBeginSchema, twoFactorConfirmSchema } from "@/lib/twofactor/schemas";
import { beginTwoFactorEnrolment, confirmTwoFactorEnrolment } from "@/lib/twofactor/enrolment";

export const updateAccountAction = validatedAction(accountUpdateSchema, async (input, p) => {
  const a = await updateAccount(p, input);
  revalidatePath("/", "layout"); // the header shows the name
  return { name: a.name };
});

export const changePasswordAction = validatedAction(passwordChangeSchema, async (input, p) => {
  const r = await changeOwnPassword(p, input);
  revalidatePath("/account");
  return r;
});

export const beginTwoFactorAction = validatedAction(twoFactorBeginSchema, async (_input, p) => beginTwoFactorEnrolment(p));

export const confirmTwoFactorAction = validatedAction(twoFactorConfirmSchema, async ({ code }, p) => {
  const r = await confirmTwoFactorEnrolment(p, code);
  revalidatePath("/", "layout"); // a required enrolment no longer holds the other pages back
  return r;
});
