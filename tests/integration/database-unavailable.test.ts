// A database that cannot take another connection is the server's state, not the caller's fault:
// the API answers 503 SERVICE_UNAVAILABLE (retryable, with Retry-After) instead of a 500. Found
// by two deployments on one PostgreSQL server: "sorry, too many clients already" (SQLSTATE 53300)
// came back as 500 INTERNAL_ERROR from POST /routes/test and GET /persons. Reproduced here with a
// role whose CONNECTION LIMIT is 0 (enforced for non-superusers: the same SQLSTATE 53300).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { dbProvider } from "@/lib/db";
import { databaseUrl } from "@/lib/db/url";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { fromPrismaError } from "@/lib/db/prisma-errors";
import { errorResponse } from "@/lib/api/responses";

const role = `omni_no_conn_${process.pid}`;

describe.skipIf(dbProvider !== "postgresql")("a database out of connections (PostgreSQL)", () => {
  let admin: pg.Client;
  let client: PgPrismaClient;
  let pool: pg.Pool;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`);
    const url = new URL(databaseUrl());
    url.username = role;
    url.password = "";
    client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
    pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  });
  afterAll(async () => {
    await client?.$disconnect().catch(() => {});
    await pool?.end().catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  async function refusal(fn: () => Promise<unknown>): Promise<unknown> {
    try {
      await fn();
    } catch (e) {
      return e;
    }
    throw new Error("expected the query to be refused");
  }

  it("maps a model query's refusal to a retryable 503 with Retry-After", async () => {
    const e = await refusal(() => client.person.findFirst());
    expect(String(e)).toMatch(/too many/i);
    const mapped = fromPrismaError(e);
    expect(mapped?.code).toBe("SERVICE_UNAVAILABLE");
    expect(mapped?.status).toBe(503);
    expect(mapped?.details).toEqual({ retryable: true, retryAfter: 1 });
    const res = errorResponse(mapped!);
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/try again/i), details: { retryable: true, retryAfter: 1 } } });
  });

  it("maps a raw query's refusal (P2010 with SQLSTATE 53300) the same way", async () => {
    const e = await refusal(() => client.$queryRaw`SELECT 1`);
    expect(fromPrismaError(e)?.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("maps node-postgres's own refusal (the side pools: rate limits, change notifications)", async () => {
    const e = await refusal(() => pool.query("SELECT 1"));
    expect((e as { code?: string }).code).toBe("53300");
    expect(fromPrismaError(e)?.code).toBe("SERVICE_UNAVAILABLE");
  });
});
