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
