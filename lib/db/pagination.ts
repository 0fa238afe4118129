// Cursor pagination over Prisma findMany: newest first, cursor = id of the last item returned.
export type Page<T> = { items: T[]; nextCursor: string | null };

export function pageArgs(q: { limit: number; cursor?: string }) {
  return {
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  };
}

export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null };
}
