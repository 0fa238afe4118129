"use server";
// Server actions of the persons screens: each parses with the shared schema and calls the same
// service function as the matching /api/v1 handler.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, versionField, withId } from "@/lib/actions/validated-action";
import { parseIfMatch } from "@/lib/api/etag";
import { idSchema } from "@/lib/schemas/common";
import { linkSchema, mergeSchema, personEraseSchema, personUpdateSchema, unlinkSchema } from "@/lib/persons/schemas";
import { updatePerson } from "@/lib/persons/update-person";
import { mergePersons, previewMerge } from "@/lib/persons/merge-persons";
import { linkIdentities } from "@/lib/persons/link-identities";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { erasePerson } from "@/lib/privacy/erase-person";

const plain = <T,>(v: T): T => JSON.parse(JSON.stringify(v));

/** Saves the edit form; with `version` (the person's ETag as loaded) a stale save is PRECONDITION_FAILED. */
export const updatePersonAction = validatedAction(withId(personUpdateSchema).safeExtend(versionField), async ({ id, version, ...input }, p) => {
  await updatePerson(p, id, input, version ? parseIfMatch(version) : undefined);
  revalidatePath(`/persons/${id}`);
  return { id };
});

export const previewMergeAction = validatedAction(z.strictObject({ sourceId: idSchema, targetId: idSchema }), async ({ sourceId, targetId }, p) =>
  plain(await previewMerge(p, sourceId, targetId)),
);

export const mergeAction = validatedAction(mergeSchema, async (input, p) => {
  const r = await mergePersons(p, input);
  revalidatePath("/persons");
  return { personId: r.person.id, auditEventId: r.auditEventId, moved: r.mergedIdentityIds.length };
});

export const linkAction = validatedAction(linkSchema, async (input, p) => {
  const r = await linkIdentities(p, input);
  revalidatePath(`/persons/${r.person.id}`);
  return { personId: r.person.id, message: r.message, auditEventId: r.auditEventId };
});

export const unlinkAction = validatedAction(withId(unlinkSchema), async ({ id, ...input }, p) => {
  const r = await unlinkIdentity(p, id, input);
  revalidatePath(`/persons/${r.fromPersonId}`);
  return { personId: r.person.id, fromPersonId: r.fromPersonId, auditEventId: r.auditEventId };
});

export const erasePersonAction = validatedAction(withId(personEraseSchema), async ({ id, ...input }, p) => {
  const r = await erasePerson(p, id, input);
  revalidatePath("/persons");
  return { id: r.id, auditEventId: r.auditEventId };
});
