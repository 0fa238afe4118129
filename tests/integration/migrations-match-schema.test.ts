// prisma/schema.prisma and the two migration histories agree: `npm run db:migration:new` would
// write nothing for either database (a schema change without its migration fails here). The
// PostgreSQL diff needs a reachable server (it reads nothing in it): skipped without one.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { pendingMigrationSql } from "../../scripts/lib/datamodel-migration";

const pgUrl = process.env.OMNI_MIGRATION_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const pgReachable = await (async () => {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
})();

describe("migrations match the schema", () => {
  it("SQLite: no pending migration", async () => {
    expect(await pendingMigrationSql("sqlite")).toBe("");
  });
  it.runIf(pgReachable)("PostgreSQL: no pending migration", async () => {
    expect(await pendingMigrationSql("postgresql")).toBe("");
  });
});
