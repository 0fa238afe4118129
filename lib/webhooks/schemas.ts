// Request schemas of the webhook endpoints (API handlers, server actions and forms share them).
import { z } from "zod";
import { cursorSchema, idSchema, limitSchema } from "../schemas/common";
import { eventPatternError } from "./rules/events";
import { destinationError, privateDestinationsAllowed } from "./rules/destination";

const urlSchema = z.string().trim().min(1, "Required.").max(2000, "At most 2000 characters.").superRefine((url, ctx) => {
  const why = destinationError(url, privateDestinationsAllowed());
  if (why) ctx.addIssue({ code: "custom", message: why });
});

const eventsSchema = z
  .array(z.string().trim().min(1).max(100).superRefine((e, ctx) => {
    const why = eventPatternError(e);
    if (why) ctx.addIssue({ code: "custom", message: why });
  }))
  .min(1, "At least one event.")
  .max(100);

export const webhookCreateSchema = z.strictObject({
  url: urlSchema,
  events: eventsSchema,
  description: z.string().trim().max(500).nullish(),
  instanceIds: z.array(idSchema).max(500).nullish(),
});
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.strictObject({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  instanceIds: z.array(idSchema).max(500).nullable().optional(),
  disabled: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

export const webhookListQuerySchema = z.object({ limit: limitSchema, cursor: cursorSchema.optional() });
export type WebhookListQuery = z.infer<typeof webhookListQuerySchema>;

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export const deliveryListQuerySchema = z.object({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;

/** Bodies of rotate-secret, test and redeliver: nothing, or an empty object. */
export const webhookEmptyBodySchema = z.strictObject({});
