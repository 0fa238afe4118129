"use server";
// Server actions of the API keys page: each parses with the shared schema and calls the same
// service function as the matching /api/v1/keys handler.
import { revalidatePath } from "next/cache";
import { idInput, validatedAction, versionField, withId } from "@/lib/actions/validated-action";
import { parseIfMatch } from "@/lib/api/etag";
import { keyCreateSchema, keyRevokeSchema, keyRollSchema, keyUpdateSchema } from "@/lib/keys/schemas";
import { createApiKey } from "@/lib/keys/create-key";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { rollApiKey } from "@/lib/keys/roll-key";
import { updateApiKey } from "@/lib/keys/update-key";
import { keyUsageSeries } from "@/lib/keys/usage-series";

const done = () => revalidatePath("/keys");

export const createKeyAction = validatedAction(keyCreateSchema, async (input, p) => {
  const k = await createApiKey(p, input);
  done();
  return { id: k.id, name: k.name, prefix: k.prefix, key: k.key };
});

/** Saves the edit form; with `version` (the key's ETag as loaded) a stale save is PRECONDITION_FAILED. */
export const updateKeyAction = validatedAction(withId(keyUpdateSchema).safeExtend(versionField), async ({ id, version, ...input }, p) => {
  const k = await updateApiKey(p, id, input, version ? parseIfMatch(version) : undefined);
  done();
  return { id: k.id };
});

export const revokeKeyAction = validatedAction(withId(keyRevokeSchema), async ({ id, ...input }, p) => {
  const k = await revokeApiKey(p, id, input);
  done();
  return { id: k.id };
});

export const rollKeyAction = validatedAction(withId(keyRollSchema), async ({ id, ...input }, p) => {
  const k = await rollApiKey(p, id, input);
  done();
  return { id: k.id, name: k.name, prefix: k.prefix, key: k.key };
});

export const deleteKeyAction = validatedAction(idInput, async ({ id }, p) => {
  const r = await deleteApiKey(p, id);
  done();
  return r;
});

export const keyUsageAction = validatedAction(idInput, async ({ id }, p) => keyUsageSeries(p, id));
