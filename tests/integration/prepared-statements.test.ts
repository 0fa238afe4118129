import { describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import { createPerson } from "@/lib/persons/create-person";
import { getPerson } from "@/lib/persons/get-person";
import { admin, uniq } from "./routes-helpers";

// The app's client names its repeated statements (lib/db/prepared-statements.ts), so PostgreSQL
// parses and plans a lookup once per connection instead of on every call.
describe.skipIf(dbProvider !== "postgresql")("named prepared statements (PostgreSQL)", () => {
  it("prepares a repeated statement once on its connection and executes it from there on", async () => {
    const p = await createPerson(admin, { displayName: `Prepared ${uniq()}` });
    // one interactive transaction: every statement below runs on the same connection
    const stats = await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 8; i++) expect((await tx.person.findUnique({ where: { id: p.id } }))?.id).toBe(p.id);
      return tx.$queryRaw<{ name: string; statement: string; generic_plans: bigint; custom_plans: bigint }[]>`
        SELECT "name", "statement", "generic_plans", "custom_plans" FROM pg_prepared_statements WHERE "name" LIKE 'omni\\_%'`;
    });
    const lookup = stats.find((s) => /FROM "public"\."Person" WHERE/.test(s.statement));
    expect(lookup, JSON.stringify(stats.map((s) => s.statement.slice(0, 80)))).toBeDefined();
    // named from its second call in this process at the latest: one prepared statement, executed
    // 7 or 8 times on this connection (PostgreSQL then picks a generic or custom plan per call)
    expect(stats.filter((s) => s.statement === lookup!.statement)).toHaveLength(1);
    expect(Number(lookup!.generic_plans) + Number(lookup!.custom_plans)).toBeGreaterThanOrEqual(7);
  });

  it("answers the same through a prepared statement as through an unnamed one", async () => {
    const p = await createPerson(admin, { displayName: `Same answer ${uniq()}` });
    const first = await getPerson(admin, p.id);
    for (let i = 0; i < 12; i++) expect(await getPerson(admin, p.id)).toEqual(first);
  });
});
