// What the sign-in page says for `?error=` (pure). next-auth sends its own codes there
// (OAuthCallback for a tampered or expired state, OAuthSignin, AccessDenied, …); a refused SSO or
// proxy sign-in comes as `error=sso` or `error=proxy` with `reason`.

/** The sign-in page URL for a refused SSO sign-in with this reason. */
export const ssoRefusedPath = (reason: string, kind: "sso" | "proxy" = "sso") => `/login?error=${kind}&reason=${encodeURIComponent(reason)}`;

const REASONS: Record<string, string> = {
  unmapped: "Your account has no role in Omni Admin. Ask an administrator for access.",
  disabled: "This account is disabled. Ask an administrator for access.",
  deleted: "This account was removed. Ask an administrator for access.",
  "no-email": "Your identity provider did not give an email address.",
  "other-account": "This email belongs to another single sign-on account.",
  untrusted: "Your sign-in proxy is not trusted by Omni Admin.",
};

/** The message for `?error=<code>&reason=<reason>`, or null without an error. */
export function signInErrorMessage(code: string | undefined, reason?: string): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return "Invalid email or password.";
  if (code === "SessionRequired") return "Please sign in to continue.";
  if (code === "sso" || code === "proxy") return (reason && REASONS[reason]) || "Single sign-on failed. Please try again.";
  if (code === "AccessDenied") return REASONS.unmapped;
  if (code.startsWith("OAuth") || code === "Callback" || code === "State") return "Single sign-on failed (the sign-in request was not valid or has expired). Please try again.";
  return "Sign-in failed. Please try again.";
}

/** The password was right and a second factor is wanted: the form then asks for the code. */
export const TWO_FACTOR_REQUIRED = "Enter the 6-digit code from your authenticator app, or a recovery code.";
