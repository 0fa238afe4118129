// The public shape of a dashboard user, and the checks every user change shares: who may write
// users, whom they may manage, and the row lock + read that starts each change's transaction.
import "server-only";
import { dbProvider, prisma } from "../db";
import { forbidden, notFound, validationError } from "../errors";
import { isRole, type Role } from "../auth/rules/scopes";
import { requireScope, type Principal } from "../auth/principal";
import type { Tx } from "../audit/write-audit";
import { countActiveSessions } from "../sessions/session-store";
import { hashPassword } from "../auth/password";
import type { User } from "../generated/prisma/client";
import { canGrantRole } from "./rules/user-admin";
import { passwordProblems } from "./rules/password-policy";

export type AuthMethod = "password" | "oidc" | "proxy";

/** `{ id, email, name, role, disabled, authMethod, twoFactorEnabled, lastSignInAt, activeSessions, createdAt, updatedAt }` — never a hash or token. */
export function userView(u: User, activeSessions = 0) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: (isRole(u.role) ? u.role : "viewer") as Role,
    disabled: u.disabled,
    authMethod: u.authMethod as AuthMethod,
    twoFactorEnabled: u.twoFactorEnabled,
    lastSignInAt: u.lastSignInAt,
    activeSessions,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
export type UserView = ReturnType<typeof userView>;

/** What audit events record of a user (no session counts or sign-in times). */
export function userAuditView(u: User) {
  const { activeSessions: _a, lastSignInAt: _l, ...rest } = userView(u);
  void _a; void _l;
  return rest;
}

/** Views with their live session counts (one query for the lot). */
export async function userViews(rows: User[]): Promise<UserView[]> {
  const counts = await countActiveSessions(rows.map((r) => r.id));
  return rows.map((r) => userView(r, counts.get(r.id) ?? 0));
}

/** The user, or a 404. */
export async function findUser(db: Tx | typeof prisma, id: string): Promise<User> {
  const u = await db.user.findUnique({ where: { id } });
  if (!u) throw notFound("User");
  return u;
}

/** Any constant: the transaction-scoped PostgreSQL lock that serialises changes to users (only). */
const USER_WRITES_LOCK = 74_280_002;

/**
 * Starts a user change inside its transaction: serialises it with every other user change — not
 * with other audited writes — so two demotions cannot both see "another admin is left"; then
 * reads the user. (SQLite runs one write transaction at a time.)
 */
export async function lockAndFindUser(tx: Tx, id: string): Promise<User> {
  await lockUserWrites(tx);
  return findUser(tx, id);
}

/** Serialises this transaction with every other change to users (PostgreSQL; SQLite writes are serial). */
export async function lockUserWrites(tx: Tx): Promise<void> {
  if (dbProvider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${USER_WRITES_LOCK})`);
}

/** Active (not disabled) admins, read inside the change's transaction. */
export const countActiveAdmins = (tx: Tx) => tx.user.count({ where: { role: "admin", disabled: false } });

/** users:write, and not an instance-restricted key (users are global records): else 403. */
export function requireUserWriter(p: Principal): void {
  requireScope(p, "users:write");
  if (p.instanceIds !== null) throw forbidden("An instance-restricted API key cannot create, change or delete users.");
}

/**
 * The caller's own scopes must cover every scope of `role`, with no instance restriction: to
 * give that role, or to manage (change, disable, reset, sign out, delete) a user who has it.
 */
export function requireRoleGrant(p: Principal, role: string, doing: "grant" | "manage" = "grant"): void {
  const r: Role = isRole(role) ? role : "admin";
  if (canGrantRole(p, r)) return;
  throw forbidden(
    doing === "grant"
      ? `Only a caller holding every scope of the ${r} role (and no instance restriction) can give it.`
      : `This user is ${r === "admin" ? "an" : "a"} ${r}: only a caller holding every scope of that role (and no instance restriction) can manage them.`,
    { role: r },
  );
}

/** Checks a new password against the policy (email and name count as guessable) and hashes it; 400 with `details.fields[field]`. */
export async function newPasswordHash(password: string, user: { email: string; name?: string | null }, field = "password"): Promise<string> {
  const problems = passwordProblems(password, [user.email, user.name]);
  if (problems.length) throw validationError("The password does not meet the policy.", { [field]: problems });
  return hashPassword(password);
}
