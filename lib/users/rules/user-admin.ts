// Rules about who may manage whom (pure).
import { coversScopes, scopesForRole, type Role } from "../../auth/rules/scopes";

export type AdminState = { role: string; disabled: boolean };

export const isActiveAdmin = (u: AdminState) => u.role === "admin" && !u.disabled;

/**
 * Would this change leave the workspace without an active admin? `after` null = deleted;
 * `activeAdmins` counts the active admins before the change (the target included).
 */
export function removesLastAdmin(before: AdminState, after: AdminState | null, activeAdmins: number): boolean {
  return isActiveAdmin(before) && !(after && isActiveAdmin(after)) && activeAdmins <= 1;
}

/**
 * May this caller give someone `role` (or manage a user who has it)? Only when its own scopes
 * cover every scope of the role and it is not restricted to some instances: a key can never
 * mint a user stronger than itself.
 */
export function canGrantRole(caller: { scopes: readonly string[]; instanceIds: readonly string[] | null }, role: Role): boolean {
  return caller.instanceIds === null && coversScopes(caller.scopes, scopesForRole(role));
}
