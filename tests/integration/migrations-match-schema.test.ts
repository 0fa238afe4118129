// prisma/schema.prisma and the two migration histories agree: `npm run db:migration:new` would
// write nothing for either database (a schema change without its migration fails here). The
// PostgreSQL diff needs a reachable server (it reads nothing in it): skipped without one.
import { describe, expect, it } from "vitest";
import { serverVersion } from "../../scripts/lib/pg-admin";
import { migrationPgUrl, pendingMigrationSql } from "../../scripts/lib/datamodel-migration";

const pgReachable = (await serverVersion(migrationPgUrl(), 2000)) !== null;

describe("migrations match the schema", () => {
  it("SQLite: no pending migration", async () => {
    expect(await pendingMigrationSql("sqlite")).toBe("");
  });
  it.runIf(pgReachable)("PostgreSQL: no pending migration", async () => {
    expect(await pendingMigrationSql("postgresql")).toBe("");
  });
});
