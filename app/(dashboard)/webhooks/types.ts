import type { Webhook, WebhookDelivery } from "@/lib/client/types";
import type { ConflictField } from "@/components/forms/conflict-alert";

/** An endpoint as the page lists it, with its version (ETag) for the edit form and buttons to send back. */
export type HookRow = Webhook & { version?: string };
export type DeliveryRow = WebhookDelivery;
export type InstanceOption = { id: string; name: string; channel: string };
export type IssuedSecret = { id: string; url: string; secret: string };

/** The fields a stale-edit notice compares (loaded → now). */
export const CONFLICT_FIELDS: ConflictField[] = [
  { key: "url", label: "URL" }, { key: "description", label: "Description" },
  { key: "events", label: "Events", show: (v) => (v as string[]).join(", ") },
  { key: "instanceIds", label: "Instances", show: (v) => (v ? (v as string[]).join(", ") : "All") },
  { key: "disabled", label: "Status", show: (v) => (v ? "Disabled" : "Enabled") },
  { key: "previousSecretExpiresAt", label: "Secret", show: (v) => (v ? `rotated; the old one signs until ${new Date(v as string).toLocaleString()}` : "not rotated") },
];
