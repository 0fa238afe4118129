// Which cookies are next-auth's session cookie (pure). next-auth v4 names it
// `next-auth.session-token`, with the `__Secure-` prefix on an https NEXTAUTH_URL, and splits a
// large one into `.0`, `.1`, … chunks.
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

/** True when one of these cookie names is (a chunk of) the session cookie. */
export function hasSessionCookie(names: Iterable<string>): boolean {
  for (const name of names) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
