// Service facts for /info and /health.
import "server-only";
import { prisma } from "../db";
import { databaseProvider } from "../db/url";
import pkg from "../../package.json";
import { signInMethods } from "../sso/config";
import { authModes } from "../sso/rules/sign-in-methods";

/** `{ name, version, authModes, twoFactor, database }`: authModes adds password, oidc and proxy for those on. */
export function systemInfo() {
  const methods = signInMethods();
  return {
    name: "Omni Admin",
    version: pkg.version,
    authModes: authModes(methods),
    twoFactor: methods.twoFactor,
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
