import { defineConfig } from "prisma/config";

// The CLI's downloaded schema engine is unreachable on these machines: migrations are applied
// by scripts/db-migrate.ts through @prisma/schema-engine-wasm. This file serves `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
