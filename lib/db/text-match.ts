// Case-insensitive text filters on both databases: SQLite's LIKE already ignores ASCII case;
// PostgreSQL needs Prisma's `mode: "insensitive"` (ILIKE), which the SQLite client's types lack.
import { dbProvider } from "./";
import type { Prisma } from "../generated/prisma/client";

type Op = "contains" | "startsWith" | "endsWith" | "equals";

export function textMatch(op: Op, value: string): Prisma.StringFilter {
  const filter = { [op]: value } as Prisma.StringFilter;
  return dbProvider === "postgresql" ? ({ ...filter, mode: "insensitive" } as Prisma.StringFilter) : filter;
}
