// next-auth (v4) configuration: credentials against the User table, JWT sessions, role in the token.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { passwordSignIn } from "./password-sign-in";
import { authSecret } from "./secret";
import type { Role } from "./rules/scopes";
import { safeCallbackPath } from "./rules/safe-callback";

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        // throttled, wrong or failing: an Error whose message the sign-in form shows
        const user = await passwordSignIn(credentials, req?.headers);
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
