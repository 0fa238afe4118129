// next-auth (v4) configuration: credentials against the User table, JWT session cookies that
// name a Session row and its user — nothing else. Whether that session still works, and the
// user's role, are read fresh on every request (sessions/session-state.ts); sign-out ends the row.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../users/authenticate";
import { createSession, endSession, SESSION_MAX_AGE_SECONDS } from "../sessions/session-store";
import { resolveSession } from "../sessions/session-state";
import { loginWaitSeconds, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { scopesForRole } from "./rules/scopes";
import { authSecret } from "./secret";
import { log } from "../log";

type Headers = Record<string, string | string[] | undefined> | undefined;
const header = (headers: Headers, name: string) => {
  const v = headers?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? undefined;
};

function clientIp(headers: Headers): string {
  return header(headers, "x-forwarded-for")?.split(",")[0]?.trim() || "local";
}

/** Thrown by the jwt callback for a cookie whose session has ended: next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEnded";
  }
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const headers = req?.headers as Headers;
        const ip = clientIp(headers);
        const wait = await loginWaitSeconds(ip);
        if (wait > 0) throw new Error(`Too many failed attempts from your address. Try again in ${wait} seconds.`);
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        let user: Awaited<ReturnType<typeof authenticate>> = null;
        let sid: string;
        try {
          user = email && password ? await authenticate(email, password) : null;
          if (!user) {
            await recordLoginFailure(ip);
            throw new Error("Invalid email or password.");
          }
          sid = await createSession({ userId: user.id, ip: ip === "local" ? null : ip, userAgent: header(headers, "user-agent") });
        } catch (e) {
          if (e instanceof Error && e.message === "Invalid email or password.") throw e;
          // Never hand internals (paths, SQL) to the browser: next-auth shows this message as-is.
          log.error("sign-in failed", { error: e instanceof Error ? e.message : String(e) });
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
        await recordLoginSuccess(ip);
        return { id: user.id, email: user.email, name: user.name ?? user.email, sid };
      },
    }),
  ],
  callbacks: {
    // The cookie carries the session id and the user id only.
    async jwt({ token, user }) {
      if (user) return { sub: user.id, sid: (user as { sid?: string }).sid };
      if (!(await resolveSession(token.sid, token.sub))) throw new SessionEnded();
      return { sub: token.sub, sid: token.sid };
    },
    async session({ session, token }) {
      const u = await resolveSession(token.sid, token.sub);
      if (!u) throw new SessionEnded();
      session.user = { id: u.userId, sid: u.sessionId, email: u.email, name: u.name ?? u.email, role: u.role, scopes: scopesForRole(u.role) };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
  logger: {
    error(code, metadata) {
      const err = (metadata as { error?: unknown })?.error ?? metadata;
      if (err instanceof SessionEnded || (err as { name?: string })?.name === "SessionEnded") return; // an ended session: not an error
      log.error(`next-auth: ${code}`, { error: err instanceof Error ? err.message : String((metadata as { message?: string })?.message ?? code) });
    },
    warn(code) {
      log.warn(`next-auth: ${code}`);
    },
    debug() {},
  },
};
