import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { databaseProvider, databaseUrl, sqliteFilePath } from "./url";
import { serialSqliteAdapter } from "./sqlite-serial-adapter";
import { withSqliteFunctions } from "./sqlite-functions";
import { tracedAdapter } from "./statement-trace";
import { statementNamesFromEnv } from "./prepared-statements";

export type Db = PrismaClient;

/** Which database this process talks to ("sqlite" embedded default, or "postgresql"). */
export const dbProvider = databaseProvider();

// Bursts of writes queue for a connection (and on PostgreSQL for the audit lock) rather than fail.
const transactionOptions = {
  maxWait: Number(process.env.OMNI_TX_MAX_WAIT_MS) || 10_000,
  timeout: Number(process.env.OMNI_TX_TIMEOUT_MS) || 15_000,
};

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (dbProvider === "postgresql") {
    // Both clients come from one schema (scripts/lib/schema-variants.mjs) and have the same API;
    // the SQLite client's types are the ones the code is written against.
    // jit=off: every statement here is a short OLTP lookup. A row estimate PostgreSQL can only
    // guess (a LIKE pattern's selectivity) can push a 2 ms search over jit_above_cost, and
    // compiling it then costs 10-20 ms.
    // Named prepared statements (./prepared-statements.ts): each hot statement is parsed once per
    // connection, and planned once where PostgreSQL keeps its generic plan.
    const adapter = tracedAdapter(
      new PrismaPg({ connectionString: url, max: Number(process.env.OMNI_DB_POOL_SIZE) || 10, options: "-c jit=off" }, { statementNameGenerator: statementNamesFromEnv() }),
    );
    return new PgPrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
  }
  // One connection, serialised: no request runs a statement inside another request's transaction.
  const adapter = serialSqliteAdapter(tracedAdapter(withSqliteFunctions(new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 }))));
  return new PrismaClient({ adapter, transactionOptions });
}

const globalForDb = globalThis as unknown as { omniPrisma?: PrismaClient };

/**
 * The one Prisma client of this process: kept across hot reloads in development, and shared by
 * the two copies of lib/ in a serving process (Next's bundle and the app server's hot lane,
 * lib/api/hot-lane.ts), so that SQLite's one connection stays serialised for both.
 */
export const prisma: PrismaClient = (globalForDb.omniPrisma ??= createClient());
