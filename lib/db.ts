import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "./db-url";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl()), timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { omniPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across hot reloads in development). */
export const prisma: PrismaClient = globalForDb.omniPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.omniPrisma = prisma;
