"use server";
// Server actions of the Routes pages: each parses with the shared schema and calls the same
// service function as the matching /api/v1/routes handler.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idInput, validatedAction, versionField, withId } from "@/lib/actions/validated-action";
import { parseIfMatch } from "@/lib/api/etag";
import { idSchema } from "@/lib/schemas/common";
import { routeCreateSchema, routeTestSchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { updateRoute } from "@/lib/routes/update-route";
import { testRoute } from "@/lib/routes/resolver";
import { missingIdentityWarning } from "@/lib/routes/identity-warning";
import { searchChatsForPicker, searchPersonsForPicker } from "@/lib/routes/pickers";

export const createRouteAction = validatedAction(routeCreateSchema, async (input, p) => {
  const row = await createRoute(p, input);
  revalidatePath("/routes");
  return { id: row.id, warning: input.scope === "user" ? (await missingIdentityWarning(input.instanceId, input.personId))?.message ?? null : null };
});

/**
 * The edit form sends the whole route, its id and the version it loaded; the service applies it as
 * a PATCH (writing only what differs from the route now) and refuses it when the route changed
 * since that version (PRECONDITION_FAILED, with the current route for the form to show).
 */
export const updateRouteAction = validatedAction(withId(routeCreateSchema).safeExtend(versionField), async ({ id, version, ...input }, p) => {
  const row = await updateRoute(p, id, {
    ...input,
    chatId: input.scope === "chat" ? input.chatId ?? null : null,
    personId: input.scope === "user" ? input.personId ?? null : null,
  }, version ? parseIfMatch(version) : undefined);
  revalidatePath("/routes");
  return { id: row.id, warning: input.scope === "user" ? (await missingIdentityWarning(input.instanceId, input.personId))?.message ?? null : null };
});

export const setRouteActiveAction = validatedAction(
  withId(z.strictObject({ active: z.boolean() })),
  async ({ id, active }, p) => {
    const row = await updateRoute(p, id, { active });
    revalidatePath("/routes");
    return { id: row.id, active: row.active };
  },
);

export const deleteRouteAction = validatedAction(idInput, async ({ id }, p) => {
  const r = await deleteRoute(p, id);
  revalidatePath("/routes");
  return r;
});

export const testRouteAction = validatedAction(routeTestSchema, (input, p) => testRoute(p, input));

export const searchChatsAction = validatedAction(
  z.strictObject({ instanceId: idSchema, q: z.string().max(200) }),
  async ({ instanceId, q }, p) =>
    (await searchChatsForPicker(p, instanceId, q)).map((c) => ({
      value: c.id,
      label: c.title || c.externalId,
      hint: `${c.type === "dm" ? "Direct message" : c.type} · ${c.externalId}`,
    })),
);

export const searchPersonsAction = validatedAction(z.strictObject({ q: z.string().max(200) }), async ({ q }, p) =>
  (await searchPersonsForPicker(p, q)).map((x) => ({
    value: x.id,
    label: x.displayName || x.primaryPhone || x.primaryEmail || "Unnamed person",
    hint: [x.primaryPhone, x.primaryEmail].filter(Boolean).join(" · ") || null,
  })),
);
