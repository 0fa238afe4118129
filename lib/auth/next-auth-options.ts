// next-auth (v4) configuration: credentials against the User table (throttled per address and per
// account, a TOTP code when the user has one: password-sign-in.ts; off with OMNI_PASSWORD_LOGIN=off),
// OpenID Connect (provider id `oidc`, from OMNI_OIDC_*: sso/oidc-provider.ts; the user and session
// are made in the signIn callback by sso/oidc-sign-in.ts), JWT session cookies that name a Session
// row and its user — nothing else. Whether that session still works, and the user's role, are read
// fresh on every request (sessions/session-state.ts); sign-out ends the row.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers as requestHeaders } from "next/headers";
import { passwordSignIn, SIGN_IN_UNAVAILABLE } from "./password-sign-in";
import { createSession, endSession, SESSION_MAX_AGE_SECONDS } from "../sessions/session-store";
import { resolveSession } from "../sessions/session-state";
import { clientAddress, headerValue } from "../security/client-address";
import { scopesForRole } from "./rules/scopes";
import { safeCallbackPath } from "./rules/safe-callback";
import { ssoRefusedPath } from "./rules/sign-in-errors";
import { authSecret } from "./secret";
import { signInMethods } from "../sso/config";
import { oidcProvider } from "../sso/oidc-provider";
import { oidcSignIn } from "../sso/oidc-sign-in";
import { log } from "../log";

/** Thrown by the jwt callback for a cookie whose session has ended: next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEnded";
  }
}

async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await requestHeaders();
    return { ip: clientAddress(h), userAgent: h.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null }; // outside a request
  }
}

const passwordProvider = () =>
  CredentialsProvider({
    name: "Email and password",
    credentials: {
      email: { label: "Email", type: "email" },
      password: { label: "Password", type: "password" },
      code: { label: "Two-factor code", type: "text" },
    },
    async authorize(credentials, req) {
      // throttled, wrong, a second factor wanted, or failing: an Error whose message the sign-in form shows
      const user = await passwordSignIn(credentials, req?.headers);
      let sid: string;
      try {
        sid = await createSession({
          userId: user.id,
          ip: clientAddress(req?.headers),
          userAgent: req?.headers ? headerValue(req.headers, "user-agent") : null,
        });
      } catch (e) {
        log.error("sign-in failed", { error: e instanceof Error ? e.message : String(e) });
        throw new Error(SIGN_IN_UNAVAILABLE);
      }
      return { id: user.id, email: user.email, name: user.name ?? user.email, sid };
    },
  });

const methods = signInMethods();

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // failures (a tampered state, a provider error) land on the sign-in page, which says so
  pages: { signIn: "/login", error: "/login" },
  providers: [...(methods.oidc ? [oidcProvider(methods.oidc)] : []), ...(methods.password ? [passwordProvider()] : [])],
  callbacks: {
    // An OpenID Connect sign-in becomes a product user and a Session row here, or is refused (the
    // sign-in page says why); the user object carries both to the jwt callback.
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const cfg = signInMethods().oidc;
      if (!cfg || !profile) return ssoRefusedPath("unavailable");
      try {
        const r = await oidcSignIn(cfg, profile as Record<string, unknown>, await requestMeta());
        if (!r.ok) return ssoRefusedPath(r.reason);
        Object.assign(user, { id: r.user.id, email: r.user.email, name: r.user.name ?? r.user.email, sid: r.sessionId });
        return true;
      } catch (e) {
        log.error("sign-in failed", { error: e instanceof Error ? e.message : String(e) });
        return ssoRefusedPath("unavailable");
      }
    },
    // Where next-auth sends the browser (sign-in and sign-out callbackUrl): a path on this origin only.
    async redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl, { allowSignIn: true }), baseUrl).href;
    },
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
