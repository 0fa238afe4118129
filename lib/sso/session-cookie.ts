// The next-auth session cookie for a session opened outside next-auth's own routes (the proxy
// header sign-in): the same JWT next-auth writes ({ sub, sid }), under the same name.
import "server-only";
import { encode } from "next-auth/jwt";
import { authSecret } from "../auth/secret";
import { SESSION_MAX_AGE_SECONDS } from "../sessions/session-store";

/** `{ name, value, options }` for a cookie naming Session `sessionId` of user `userId`. */
export async function sessionCookieFor(userId: string, sessionId: string) {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const value = await encode({ token: { sub: userId, sid: sessionId }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    value,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS },
  };
}
