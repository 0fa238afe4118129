// next-auth (v4) configuration: credentials against the User table, JWT sessions, role in the token.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../users/users";
import { loginWaitSeconds, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { authSecret } from "./secret";
import { log } from "../log";
import type { Role } from "./rules/scopes";
import { safeCallbackPath } from "./rules/safe-callback";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  return first || "local";
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const ip = clientIp(req?.headers as Record<string, string> | undefined);
        const wait = await loginWaitSeconds(ip);
        if (wait > 0) throw new Error(`Too many failed attempts from your address. Try again in ${wait} seconds.`);
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        let user: Awaited<ReturnType<typeof authenticate>> = null;
        try {
          user = email && password ? await authenticate(email, password) : null;
        } catch (e) {
          // Never hand internals (paths, SQL) to the browser: next-auth shows this message as-is.
          log.error("sign-in failed", { error: e instanceof Error ? e.message : String(e) });
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
        if (!user) {
          await recordLoginFailure(ip);
          throw new Error("Invalid email or password.");
        }
        await recordLoginSuccess(ip);
        return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser (sign-in and sign-out callbackUrl): a path on this origin only.
    async redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl, { allowSignIn: true }), baseUrl).href;
    },
    async jwt({ token, user }) {
      if (user) token.role = (user as { role?: Role }).role;
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = (token.role as Role) ?? "viewer";
      }
      return session;
    },
  },
};
