"use server";
// Server actions of the Instances & agents page: each parses with the shared schema and calls
// the same service function as the matching /api/v1 handler.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, withId } from "@/lib/actions/validated-action";
import { agentCreateSchema, chatCreateSchema, instanceCreateSchema } from "@/lib/catalog/schemas";
import { idSchema } from "@/lib/schemas/common";
import { createAgent, deleteAgent, updateAgent } from "@/lib/catalog/agents";
import { createChat } from "@/lib/catalog/chats";
import { createInstance, deleteInstance, updateInstance } from "@/lib/catalog/instances";

export const createInstanceAction = validatedAction(instanceCreateSchema, async (input, p) => {
  const row = await createInstance(p, input);
  revalidatePath("/instances");
  return { id: row.id };
});

export const createAgentAction = validatedAction(agentCreateSchema, async (input, p) => {
  const row = await createAgent(p, input);
  revalidatePath("/instances");
  return { id: row.id };
});

export const createChatAction = validatedAction(chatCreateSchema, async (input, p) => {
  const row = await createChat(p, input);
  revalidatePath("/instances");
  return { id: row.id };
});

export const setDefaultAgentAction = validatedAction(
  withId(z.strictObject({ defaultAgentId: idSchema.nullable() })),
  async ({ id, defaultAgentId }, p) => {
    await updateInstance(p, id, { defaultAgentId });
    revalidatePath("/instances");
    return { id };
  },
);

const renameInput = withId(z.strictObject({ name: instanceCreateSchema.shape.name }));

export const renameInstanceAction = validatedAction(renameInput, async ({ id, name }, p) => {
  await updateInstance(p, id, { name });
  revalidatePath("/instances");
  return { id };
});

export const deleteInstanceAction = validatedAction(z.strictObject({ id: idSchema }), async ({ id }, p) => {
  await deleteInstance(p, id);
  revalidatePath("/instances");
  return { id };
});

export const renameAgentAction = validatedAction(renameInput, async ({ id, name }, p) => {
  await updateAgent(p, id, { name });
  revalidatePath("/instances");
  return { id };
});

export const deleteAgentAction = validatedAction(z.strictObject({ id: idSchema }), async ({ id }, p) => {
  await deleteAgent(p, id);
  revalidatePath("/instances");
  return { id };
});
