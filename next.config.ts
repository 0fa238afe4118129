import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / server-only packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
