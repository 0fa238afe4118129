// Literal, case-insensitive text filters: the one way a service matches what a user typed against
// a text column (chats' title and external id, routes' label, the pickers' names), on both
// databases. `%`, `_` and `\` in the text are characters, never wildcards: Prisma's
// `contains`/`startsWith` hand the value to LIKE unescaped, so it is escaped here with `\`, which
// is PostgreSQL's default LIKE escape character and, on SQLite, the escape character of the LIKE
// that lib/db/sqlite-functions.ts installs on every connection (rules/like-pattern.ts).
import { dbProvider } from "./";
import type { Prisma } from "../generated/prisma/client";
import { escapeLike } from "./rules/like-pattern";

/**
 * A Prisma string filter: the column contains (`"contains"`) or starts with (`"startsWith"`) `text`
 * literally, ignoring letter case (PostgreSQL: ILIKE; SQLite: the installed LIKE, which folds case
 * with JavaScript's `toLowerCase`). The caller decides what a blank `text` means (usually no filter).
 */
export function literalText(op: "contains" | "startsWith", text: string): Prisma.StringFilter {
  const filter = { [op]: escapeLike(text) } as Prisma.StringFilter;
  return dbProvider === "postgresql" ? ({ ...filter, mode: "insensitive" } as Prisma.StringFilter) : filter;
}
