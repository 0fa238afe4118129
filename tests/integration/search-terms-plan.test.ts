// The person trigger's read of a person's own search terms ("personId" = ? AND "identityId" IS
// NULL, on every edit of a name, phone or email) is one index lookup on both columns, whatever
// the size of the directory: not a bitmap AND with the "identityId" index, whose IS NULL half is
// every person's own terms (an edit read all of them: 22,105 entries for a few thousand persons).
// PostgreSQL is asked for the generic plan (the one a trigger's cached statement runs) with
// sequential scans discouraged (the test tables are too small for the planner to bother).
import { describe, expect, it } from "vitest";
import { prisma, dbProvider } from "@/lib/db";

const OWN_TERMS = `SELECT "id", "field", "term" FROM "PersonSearchTerm" WHERE "personId" = $1 AND "identityId" IS NULL`;

describe("person search terms: a person's own terms", () => {
  it("are read through one index on (personId, identityId)", async () => {
    let plan: string;
    if (dbProvider === "postgresql") {
      plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
        await tx.$executeRawUnsafe(`PREPARE own_terms_plan(text) AS ${OWN_TERMS}`);
        try {
          const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN EXECUTE own_terms_plan('p')`);
          return rows.map((r) => r["QUERY PLAN"]).join("\n");
        } finally {
          await tx.$executeRawUnsafe("DEALLOCATE own_terms_plan");
        }
      });
      expect(plan, plan).toMatch(/Index Scan using "PersonSearchTerm_personId_identityId_idx"/);
      expect(plan, plan).toMatch(/Index Cond: \(\("personId" = \$1\) AND \("identityId" IS NULL\)\)/);
      expect(plan, plan).not.toMatch(/BitmapAnd|PersonSearchTerm_identityId_idx/);
    } else {
      const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${OWN_TERMS.replace("$1", "?")}`, "p");
      plan = rows.map((r) => r.detail).join("\n");
      expect(plan, plan).toMatch(/USING INDEX "?PersonSearchTerm_personId_identityId_idx"? \(personId=\? AND identityId=\?\)/);
    }
  });
});
