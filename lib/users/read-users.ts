// Reading dashboard users: the list (newest first) and one user, each with its live session count;
// and the Users page's list, which also says who has no password of their own yet.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";

const ORDER = newestFirst("users");
import { findUser, userViews, type UserView } from "./user-view";
import type { UserListQuery } from "./schemas";

/** users:read. `{ items: UserView[], nextCursor }`, newest first (keyset cursor; 400 for a bad one); `role` filters. */
export async function listUsers(p: Principal, q: UserListQuery): Promise<{ items: UserView[]; nextCursor: string | null }> {
  requireScope(p, "users:read");
  const rows = await prisma.user.findMany(keysetArgs(ORDER, q, q.role ? { role: q.role } : {}));
  const page = keysetPage(ORDER, rows, q.limit);
  return { items: await userViews(page.items), nextCursor: page.nextCursor };
}

/** users:read. One user (404 when unknown). */
export async function getUser(p: Principal, id: string): Promise<UserView> {
  requireScope(p, "users:read");
  const [view] = await userViews([await findUser(prisma, id)]);
  return view;
}

/** A row of the Users page: the User shape plus whether a setup link is still waiting to be used. */
export type UserOverview = UserView & {
  /** true until the user sets a password of their own (created with a setup link, or reset) */
  mustSetPassword: boolean;
  /** when their setup link stops (or stopped) working; null: no link outstanding */
  setupExpiresAt: Date | null;
  /** the link's expiry has passed: an admin must reset the password to issue a new one */
  setupLinkExpired: boolean;
};

/** users:read. Every user for the Users page (newest first, at most `max`), as UserOverview. */
export async function listUsersOverview(p: Principal, max = 2000): Promise<UserOverview[]> {
  requireScope(p, "users:read");
  const rows = await prisma.user.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: max });
  const views = await userViews(rows);
  const now = new Date();
  return views.map((v, i) => {
    const expires = rows[i].setupTokenExpiresAt;
    return { ...v, mustSetPassword: rows[i].mustChangePassword, setupExpiresAt: expires, setupLinkExpired: !!expires && expires <= now };
  });
}
