import type { BadgeTone } from "@/components/ui/badge";
import type { UserOverview } from "@/lib/users/read-users";
import type { Role } from "@/lib/auth/rules/scopes";

export type UserRow = UserOverview;
export type RowAction = "role" | "disable" | "enable" | "reset" | "twofactor" | "signout" | "delete";
/** A setup link to hand over once: after creating a user without a password, or a reset. */
export type IssuedLink = { email: string; url: string; expiresAt: Date | string; reset: boolean };

export const ROLE_OPTIONS: { value: Role; label: string; hint: string }[] = [
  { value: "admin", label: "Admin", hint: "everything, including users and API keys" },
  { value: "lead", label: "Lead", hint: "reads everything, reviews and reverts in the audit log" },
  { value: "viewer", label: "Viewer", hint: "reads routes, persons, instances, agents and chats" },
];

export const ROLE_BADGE: Record<Role, { label: string; tone: BadgeTone }> = {
  admin: { label: "Admin", tone: "accent" },
  lead: { label: "Lead", tone: "success" },
  viewer: { label: "Viewer", tone: "neutral" },
};

export type UserStatus = "active" | "disabled" | "setup";

/** Disabled wins; then "must set password" (no password of their own yet); else active. */
export const statusOf = (u: Pick<UserRow, "disabled" | "mustSetPassword">): UserStatus =>
  u.disabled ? "disabled" : u.mustSetPassword ? "setup" : "active";

export const STATUS_BADGE: Record<UserStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  disabled: { label: "Disabled", tone: "danger" },
  setup: { label: "Must set password", tone: "warning" },
};

/** "Ada Lovelace" or, without a name, the email. */
export const displayName = (u: Pick<UserRow, "name" | "email">) => u.name?.trim() || u.email;
