// The one-statement resolution reads routes through the composite indexes
// (instanceId, active, scope, chatId) and (instanceId, active, scope, personId) on both databases,
// and whether the person has an identity on the instance through the person's identities (personId index):
// EXPLAIN of the very statement loadResolutionData runs. (PostgreSQL is asked with sequential
// scans discouraged, as the test tables are too small for the planner to bother with an index;
// it may take the single-column chatId / personId index instead, an index lookup all the same.)
import { describe, expect, it } from "vitest";
import { prisma, dbProvider } from "@/lib/db";
import { resolutionStatement } from "@/lib/route-resolution/resolution-query";
import { world } from "./routes-helpers";

/** `?` placeholders as PostgreSQL's $1, $2, … (the statement has no other question marks). */
const numbered = (text: string) => { let n = 0; return text.replace(/\?/g, () => `$${++n}`); };

describe("resolution query plan", () => {
  it("uses the composite route indexes for the chat and the person branch", async () => {
    const w = await world();
    const sql = resolutionStatement(w.inst.id, w.chat.id, w.person.id);
    let plan: string;
    if (dbProvider === "postgresql") {
      plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${numbered(sql.sql)}`, ...sql.values);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    } else {
      const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values);
      plan = rows.map((r) => r.detail).join("\n");
    }
    if (dbProvider === "postgresql") {
      // PostgreSQL may prefer the single-column chatId / personId index (as selective here): an
      // index lookup per branch either way, never a scan of the table.
      expect(plan, plan).toMatch(/Index (Only )?Scan using "AgentRoute_(instanceId_active_scope_)?chatId_idx"/);
      expect(plan, plan).toMatch(/Index (Only )?Scan using "AgentRoute_(instanceId_active_scope_)?personId_idx"/);
      expect(plan, plan).not.toMatch(/Seq Scan on "AgentRoute"/);
      // the identity check: a handful of rows per person (an index or bitmap index scan of it)
      expect(plan, plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) "PlatformIdentity_personId_idx"/);
      expect(plan, plan).not.toMatch(/PlatformIdentity_instanceId_idx/);
    } else {
      expect(plan, plan).toContain("AgentRoute_instanceId_active_scope_chatId_idx");
      expect(plan, plan).toContain("AgentRoute_instanceId_active_scope_personId_idx");
      expect(plan, plan).not.toMatch(/SCAN "?AgentRoute"?(?! USING)/);
      expect(plan, plan).toContain("PlatformIdentity_personId_idx"); // the identity check: a handful of rows per person, not every identity on the instance
    }
  });
});
