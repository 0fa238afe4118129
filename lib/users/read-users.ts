// Reading dashboard users: the list (newest first) and one user, each with its live session count.
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
