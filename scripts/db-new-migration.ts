// `npm run db:migration:new -- NAME`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// and prisma/migrations-postgresql/<timestamp>_<name>/migration.sql, the SQL that takes each
// database from the schema its migrations reach to prisma/schema.prisma
// (scripts/lib/datamodel-migration.ts; no database needed).
import path from "node:path";
import { writeMigration } from "./lib/datamodel-migration";

async function main() {
  const name = (process.argv[2] || "change").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const pg = await writeMigration("postgresql", `${stamp}_${name}`);
  if (pg) console.log(`Wrote ${path.relative(process.cwd(), pg.path)}`);
  const sqlite = await writeMigration("sqlite", `${stamp}_${name}`);
  if (!sqlite) {
    console.log("No SQLite schema changes: no SQLite migration written.");
    return;
  }
  console.log(`Wrote ${path.relative(process.cwd(), sqlite.path)}`);
  const redefined = [...sqlite.sql.matchAll(/CREATE TABLE "new_(Person|PlatformIdentity|PersonSearchTerm|PersonSearchDoc)"/g)].map((m) => m[1]);
  if (redefined.length) {
    console.warn(
      `\nWARNING: this migration redefines ${redefined.join(" and ")}, which drops the person search triggers\n` +
        "Append the trigger definitions of\n" +
        "prisma/migrations/20261130141033_person_search_terms/migration.sql and\n" +
        "prisma/migrations/20261130210250_person_search_docs/migration.sql (those that replace the former) to it.",
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
