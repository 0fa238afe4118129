import type { Webhook, WebhookDelivery } from "@/lib/client/types";

export type HookRow = Webhook;
export type DeliveryRow = WebhookDelivery;
export type InstanceOption = { id: string; name: string; channel: string };
export type IssuedSecret = { id: string; url: string; secret: string };
