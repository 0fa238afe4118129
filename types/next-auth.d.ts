import type { Role } from "@/lib/auth/rules/scopes";

declare module "next-auth" {
  interface Session {
    /** filled fresh from the database on every read (lib/auth/next-auth-options.ts) */
    user: { id: string; sid: string; name?: string | null; email?: string | null; image?: string | null; role: Role; scopes: string[] };
  }
}

declare module "next-auth/jwt" {
  /** The session cookie names the Session row and its user; nothing else. */
  interface JWT {
    sid?: string;
  }
}
