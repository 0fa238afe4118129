// Service facts for /info and /health.
import "server-only";
import { prisma } from "../db";
import { databaseProvider } from "../db/url";
import pkg from "../../package.json";

export function systemInfo() {
  return {
    name: "Omni Admin",
    version: pkg.version,
    authModes: ["apiKey", "session"],
    database: databaseProvider(),
  };
}

export async function healthCheck(): Promise<{ status: "ok" | "degraded"; db: "ok" | "unreachable" }> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { status: "ok", db: "ok" };
  } catch {
    return { status: "degraded", db: "unreachable" };
  }
}
