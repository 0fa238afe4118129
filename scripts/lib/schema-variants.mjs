// One schema source: prisma/schema.prisma (SQLite, the embedded default). The PostgreSQL datamodel
// is derived from it mechanically — same models, same portable types — so the two never drift.
// Used by `npm run db:generate` (two Prisma clients) and by the migration scripts.
import fs from "node:fs";
import path from "node:path";

export const SCHEMA_PATH = "prisma/schema.prisma";
/** Generated, not committed (lib/generated is ignored). */
export const PG_SCHEMA_PATH = "lib/generated/schema.postgresql.prisma";

export const MIGRATIONS_DIRS = {
  sqlite: "prisma/migrations",
  postgresql: "prisma/migrations-postgresql",
};

/** The PostgreSQL variant of a schema text (its client is generated next to it, as prisma-pg). */
export function postgresqlSchema(text) {
  const provider = /provider\s*=\s*"sqlite"/;
  const output = /output\s*=\s*"\.\.\/lib\/generated\/prisma"/;
  if (!provider.test(text) || !output.test(text)) {
    throw new Error(`${SCHEMA_PATH}: expected provider = "sqlite" and output = "../lib/generated/prisma"`);
  }
  return `// GENERATED from ${SCHEMA_PATH} by scripts/lib/schema-variants.mjs: do not edit.\n` +
    text.replace(provider, 'provider = "postgresql"').replace(output, 'output = "./prisma-pg"');
}

/** The datamodel text for a provider, read from the one source. */
export function schemaText(provider, root = process.cwd()) {
  const text = fs.readFileSync(path.join(root, SCHEMA_PATH), "utf8");
  return provider === "postgresql" ? postgresqlSchema(text) : text;
}

export function writePostgresqlSchema(root = process.cwd()) {
  const out = path.join(root, PG_SCHEMA_PATH);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, schemaText("postgresql", root));
  return out;
}
