import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// Boundaries (with `import "server-only"` in lib/db, which fails the build if client code pulls
// it in): app/ and components/ reach the database only through lib/ services, and client
// components import lib/ services as types only. Proved by tests/unit/boundaries.test.ts.

/** The database module (any path to lib/db) and the generated Prisma clients. */
const DATABASE = "(^|/)lib/(db|generated)(/|$)|^@prisma/client(/|$)";
/** A lib/<folder>/ module other than schemas, rules/, utils/ and format/ (what client code may use). */
const LIB_SERVICE = "^(@/|(\\.\\./)+)lib/(?!schemas/|utils/|format/|[^/]+/schemas$|[^/]+/rules/)[^/]+/";

const restrictedImports = tseslint.plugin.rules["no-restricted-imports"];
/** `@typescript-eslint/no-restricted-imports`, checked only in modules that begin with "use client". */
const clientImports = {
  ...restrictedImports,
  create(context) {
    const first = context.sourceCode.ast.body[0];
    const client = first?.type === "ExpressionStatement" && first.directive === "use client";
    return client ? restrictedImports.create(context) : {};
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { omni: { rules: { "client-imports": clientImports } } },
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ regex: DATABASE, message: "app/ and components/ reach the database through a lib/ service, never lib/db or the Prisma client." }],
      }],
      "omni/client-imports": ["error", {
        patterns: [{ regex: LIB_SERVICE, allowTypeImports: true, message: "A \"use client\" module imports lib/ services as types only (call a server action or /api/v1); schemas, rules/, utils/ and format/ are fine." }],
      }],
    },
  },
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", ".tmp/**", "next-env.d.ts"]),
]);
