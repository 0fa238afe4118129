// The import boundaries eslint.config.mjs enforces, checked through ESLint's Node API on virtual
// files: app/ and components/ never import the database module or the Prisma client, and
// "use client" modules import lib/ services as types only (schemas, rules/, utils/ and format/
// stay importable).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });
});

/** The lines flagged by `ruleId` when `code` is linted as if it were the file `filePath`. */
async function flagged(filePath: string, code: string, ruleId: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, "the virtual file parses").toEqual([]);
  return result.messages.filter((m) => m.ruleId === ruleId).map((m) => m.line);
}

describe("app/ and components/ never import the database", () => {
  it("refuses @/lib/db in a component", async () => {
    const code = `import { prisma } from "@/lib/db";\nexport const db = prisma;\n`;
    expect(await flagged("components/x.tsx", code, "no-restricted-imports")).toEqual([1]);
  });

  it("refuses any path to lib/db and the generated Prisma client, types included", async () => {
    const code = [
      `import { dbProvider } from "../../../lib/db/url";`,
      `import type { PrismaClient } from "@/lib/generated/prisma/client";`,
      `import { Prisma } from "@prisma/client";`,
      `import { listRoutes } from "@/lib/routes/routes";`,
      `export const used = [dbProvider, Prisma, listRoutes];`,
      `export type Client = PrismaClient;`,
    ].join("\n");
    expect(await flagged("app/(dashboard)/x/page.tsx", code, "no-restricted-imports")).toEqual([1, 2, 3]);
  });

  it("leaves lib/ itself alone", async () => {
    const code = `import { prisma } from "./index";\nexport const db = prisma;\n`;
    expect(await flagged("lib/db/x.ts", code, "no-restricted-imports")).toEqual([]);
  });
});

describe('"use client" modules import lib/ services as types only', () => {
  const imports = [
    `import { listRoutes } from "@/lib/routes/routes";`, // 2: a service value
    `import type { RouteView } from "@/lib/routes/routes";`, // a type: fine
    `import { routeCreateSchema } from "@/lib/routes/schemas";`, // schemas: fine
    `import { RESOURCES } from "@/lib/auth/rules/scopes";`, // rules/: fine
    `import { idSchema } from "@/lib/schemas/common";`, // shared schemas: fine
    `import { cn } from "@/lib/utils/cn";`, // utils/: fine
    `import { searchPersons } from "../../../lib/persons/search-persons";`, // 8: a service value, relative path
    `import { type ActionResult, validatedAction } from "@/lib/actions/validated-action";`, // 9: a value beside a type
    `export const used = [listRoutes, routeCreateSchema, RESOURCES, idSchema, cn, searchPersons, validatedAction];`,
    `export type Used = RouteView | ActionResult<unknown>;`,
  ];

  it("refuses a service imported as a value", async () => {
    const code = [`"use client";`, ...imports].join("\n");
    expect(await flagged("app/(dashboard)/x/view.tsx", code, "omni/client-imports")).toEqual([2, 8, 9]);
    expect(await flagged("components/x/view.tsx", code, "omni/client-imports")).toEqual([2, 8, 9]);
  });

  it("lets server components and route handlers import services", async () => {
    const code = ["// a server component", ...imports].join("\n");
    expect(await flagged("app/(dashboard)/x/page.tsx", code, "omni/client-imports")).toEqual([]);
  });
});
