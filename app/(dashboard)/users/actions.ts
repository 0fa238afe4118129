"use server";
// Server actions of the Users page: each parses with the shared schema (the user's id as the field
// `id` of the input) and calls the same service function as the matching /api/v1/users handler.
import { revalidatePath } from "next/cache";
import { idInput, validatedAction, withId } from "@/lib/actions/validated-action";
import { appOrigins } from "@/lib/auth/session";
import { userCreateSchema, userUpdateSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { resetUserPassword } from "@/lib/users/password-reset";
import { revokeSessionsOfUser } from "@/lib/users/revoke-sessions";
import { resetTwoFactor } from "@/lib/twofactor/reset-two-factor";

const updateInput = withId(userUpdateSchema);
const done = () => revalidatePath("/users");
/** Setup links start with NEXTAUTH_URL, else with the address this page was opened on. */
const origin = async () => (await appOrigins())[0] ?? null;

export const createUserAction = validatedAction(userCreateSchema, async (input, p) => {
  const u = await createUser(p, input, { origin: await origin() });
  done();
  return { id: u.id, email: u.email, setupUrl: "setupUrl" in u ? u.setupUrl : null, setupExpiresAt: "setupExpiresAt" in u ? u.setupExpiresAt : null };
});

export const updateUserAction = validatedAction(updateInput, async ({ id, ...input }, p) => {
  const u = await updateUser(p, id, input);
  done();
  return { id: u.id, role: u.role, disabled: u.disabled };
});

export const resetPasswordAction = validatedAction(idInput, async ({ id }, p) => {
  const r = await resetUserPassword(p, id, { origin: await origin() });
  done();
  return r;
});

export const revokeSessionsAction = validatedAction(idInput, async ({ id }, p) => {
  const r = await revokeSessionsOfUser(p, id);
  done();
  return r;
});

export const deleteUserAction = validatedAction(idInput, async ({ id }, p) => {
  const r = await deleteUser(p, id);
  done();
  return r;
});

export const resetTwoFactorAction = validatedAction(idInput, async ({ id }, p) => {
  const u = await resetTwoFactor(p, id);
  done();
  return { id: u.id, twoFactorEnabled: u.twoFactorEnabled };
});
