import { describe, expect, it } from "vitest";
import { fromPrismaError } from "@/lib/db/prisma-errors";

const prismaError = (code: string, originalCode?: string) =>
  Object.assign(new Error("x"), { code, meta: originalCode ? { driverAdapterError: { cause: { originalCode } } } : {} });

describe("fromPrismaError", () => {
  it("maps a lost race (P2034, deadlock or serialization failure in a raw query) to a retryable 409", () => {
    for (const e of [prismaError("P2034"), prismaError("P2010", "40P01"), prismaError("P2010", "40001")]) {
      const mapped = fromPrismaError(e);
      expect(mapped?.code).toBe("CONFLICT");
      expect(mapped?.details).toEqual({ retryable: true });
    }
  });
  it("leaves other raw query failures to the 500 path", () => {
    expect(fromPrismaError(prismaError("P2010", "42P01"))).toBeNull();
    expect(fromPrismaError(new Error("plain"))).toBeNull();
  });
  it("keeps the input-caused mappings", () => {
    expect(fromPrismaError(prismaError("P2002"))?.code).toBe("CONFLICT");
    expect(fromPrismaError(prismaError("P2025"))?.code).toBe("NOT_FOUND");
  });
});

describe("fromPrismaError: a database that cannot serve now", () => {
  it("is a retryable 503 for Prisma's connection errors and connection-class SQLSTATEs", () => {
    const unavailable = [
      prismaError("P2037"), // too many database connections
      prismaError("P2024"), // no pool connection in time
      prismaError("P1001"), // can't reach the server
      prismaError("P1017"), // the server closed the connection
      prismaError("P2010", "53300"),
      prismaError("P2010", "57P01"), // admin shutdown
      prismaError("P2010", "08006"), // connection failure
      Object.assign(new Error("init"), { errorCode: "P1001" }), // PrismaClientInitializationError
      Object.assign(new Error("sorry, too many clients already"), { code: "53300", severity: "FATAL" }), // node-postgres
    ];
    for (const e of unavailable) {
      const mapped = fromPrismaError(e);
      expect(mapped?.status, String((e as { code?: string }).code)).toBe(503);
      expect(mapped?.details).toMatchObject({ retryable: true, retryAfter: 1 });
    }
  });
  it("leaves input errors and other failures alone", () => {
    expect(fromPrismaError(prismaError("P2010", "42601"))).toBeNull(); // syntax error: ours, a 500
    expect(fromPrismaError(Object.assign(new Error("refused"), { code: "ECONNREFUSED", syscall: "connect" }))).toBeNull(); // not the database's
    expect(fromPrismaError(Object.assign(new Error("dup"), { code: "23505", severity: "ERROR" }))).toBeNull();
  });
});
