// Reading dashboard users: the list (newest first) and one user, each with its live session count.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { pageArgs, toPage } from "../db/pagination";
import { findUser, userViews, type UserView } from "./user-view";
import type { UserListQuery } from "./schemas";

/** users:read. `{ items: UserView[], nextCursor }`, newest first; `role` filters. */
export async function listUsers(p: Principal, q: UserListQuery): Promise<{ items: UserView[]; nextCursor: string | null }> {
  requireScope(p, "users:read");
  const rows = await prisma.user.findMany({
    where: q.role ? { role: q.role } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: await userViews(page.items), nextCursor: page.nextCursor };
}

/** users:read. One user (404 when unknown). */
export async function getUser(p: Principal, id: string): Promise<UserView> {
  requireScope(p, "users:read");
  const [view] = await userViews([await findUser(prisma, id)]);
  return view;
}
