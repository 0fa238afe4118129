import { z } from "zod";
import { idSchema, cursorSchema } from "../schemas/common";

export const CHANNELS = ["whatsapp", "telegram", "discord", "slack", "email", "sms"] as const;
export const channelSchema = z.enum(CHANNELS);
export const CHAT_TYPES = ["dm", "group", "channel"] as const;

const name = z.string().trim().min(1, "Required.").max(100, "At most 100 characters.");
const optText = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).nullish();

export const instanceCreateSchema = z.strictObject({
  name,
  channel: channelSchema,
  defaultAgentId: idSchema.nullish(),
});
export const instanceUpdateSchema = z.strictObject({
  name: name.optional(),
  channel: channelSchema.optional(),
  defaultAgentId: idSchema.nullable().optional(),
});
export type InstanceCreate = z.infer<typeof instanceCreateSchema>;
export type InstanceUpdate = z.infer<typeof instanceUpdateSchema>;

export const agentCreateSchema = z.strictObject({
  name,
  provider: z.string().trim().min(1, "Required.").max(60),
  model: optText(100),
  description: optText(1000),
});
export const agentUpdateSchema = agentCreateSchema.partial();
export type AgentCreate = z.infer<typeof agentCreateSchema>;
export type AgentUpdate = z.infer<typeof agentUpdateSchema>;

export const chatCreateSchema = z.strictObject({
  instanceId: idSchema,
  externalId: z.string().trim().min(1, "Required.").max(200),
  title: optText(200),
  type: z.enum(CHAT_TYPES).default("dm"),
});
export type ChatCreate = z.infer<typeof chatCreateSchema>;

export const chatListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: cursorSchema.optional(),
  instance: idSchema.optional(),
  q: z.string().max(200).optional(),
});
