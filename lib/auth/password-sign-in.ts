// Email + password sign-in as next-auth's credentials `authorize` runs it: throttling per client
// address and per account (login-throttle.ts), the password check, the second factor (a TOTP or
// recovery code: a wrong one counts as a failed sign-in, exactly like a wrong password), and the
// `user.lockout` audit event when failures lock an account. Every refusal is an Error whose message next-auth hands to
// the sign-in form as it is, so each is short and human.
import "server-only";
import { authenticate, type SignedInUser as SessionUser } from "../users/authenticate";
import { recordAccountLockout } from "../users/record-lockout";
import { clientAddress, headerValue, type HeaderSource } from "../security/client-address";
import { recordSignInFailure, recordSignInSuccess, signInRefusal, type SignInAttempt } from "./login-throttle";
import { accountKey } from "./rules/login-throttle";
import { TWO_FACTOR_REQUIRED } from "./rules/sign-in-errors";
import { checkSecondFactor } from "../twofactor/check-second-factor";
import { log } from "../log";

export const INVALID_CREDENTIALS = "Invalid email or password.";
export { TWO_FACTOR_REQUIRED };
export const INVALID_CODE = "That two-factor code is not right.";
export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Try again in a moment.";

/** Runs `work`; any failure (database, configuration) is logged and becomes SIGN_IN_UNAVAILABLE. */
async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    // Never hand internals (paths, SQL) to the browser: next-auth shows the message as-is.
    log.error("sign-in failed", { error: e instanceof Error ? e.message : String(e) });
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}

async function countFailure(attempt: SignInAttempt, headers: HeaderSource | undefined): Promise<void> {
  const failure = await recordSignInFailure(attempt);
  if (failure.accountLockedSeconds <= 0) return;
  await recordAccountLockout({
    email: accountKey(attempt.email),
    lockedSeconds: failure.accountLockedSeconds,
    failures: failure.accountFailures,
    ip: attempt.address,
    userAgent: headers ? headerValue(headers, "user-agent") : null,
  });
}

/**
 * Checks `credentials` ({ email, password, code? }) for the request with `headers` (next-auth's
 * `req.headers`). Resolves with the user; throws an Error carrying the form's message when
 * throttled ("Too many failed sign-in attempts from your address. Try again in 2 seconds."), on
 * wrong credentials (INVALID_CREDENTIALS), when the user has two-factor on and no `code` came
 * (TWO_FACTOR_REQUIRED: counted neither way), on a wrong code (INVALID_CODE) or when something
 * fails inside (SIGN_IN_UNAVAILABLE).
 */
export async function passwordSignIn(credentials: Record<string, unknown> | undefined, headers: HeaderSource | undefined): Promise<SessionUser> {
  const email = String(credentials?.email ?? "");
  const password = String(credentials?.password ?? "");
  const attempt: SignInAttempt = await orUnavailable(async () => ({ address: clientAddress(headers), email }));
  const refusal = await orUnavailable(() => signInRefusal(attempt));
  if (refusal) throw new Error(refusal.message);
  const code = String(credentials?.code ?? "").trim();
  const outcome = await orUnavailable(async () => {
    const found = email && password ? await authenticate(email, password) : null;
    if (!found) {
      await countFailure(attempt, headers);
      return INVALID_CREDENTIALS;
    }
    if (found.twoFactorEnabled) {
      if (!code) return TWO_FACTOR_REQUIRED; // the password was right: ask for the code (no success recorded yet)
      if (!(await checkSecondFactor(found.id, code))) {
        await countFailure(attempt, headers);
        return INVALID_CODE;
      }
    }
    await recordSignInSuccess(attempt);
    return found;
  });
  if (typeof outcome === "string") throw new Error(outcome);
  return outcome;
}
