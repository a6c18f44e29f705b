import { InvalidClaims } from "./Caller";

/**
 * The longest a token may live, from `iat` to `exp`, and the furthest its `exp` may be from now:
 * 12 hours. A token is for one working shift (the development issuer's are 8 h; police and NHS
 * shifts run 8 to 12 h) and the margin covers overrunning it; a stolen token is then good for a
 * shift at most, not (as a token expiring in year 9999 was) for ever. `TESSERA_JWT_MAX_LIFETIME_SECONDS`.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * Throws {@link InvalidClaims} when a verified payload has no `iat`, was issued in the future, or
 * lives longer than the maximum. With `iat` no later than now, `exp − iat` within the maximum keeps
 * `exp` within the maximum of now too: a future `iat` is how a token would stretch it.
 */
export function checkTokenLifetime(payload: { iat?: number; exp?: number }, maxSeconds: number, toleranceSeconds: number, now = Date.now() / 1000): void {
  const hours = (seconds: number) => `${+(seconds / 3600).toFixed(2)} h`;
  const { iat, exp } = payload;
  if (iat === undefined) throw new InvalidClaims("its iat claim is missing");
  if (exp === undefined) throw new InvalidClaims("its exp claim is missing");
  if (iat > now + toleranceSeconds) throw new InvalidClaims("it was issued in the future");
  if (exp - iat > maxSeconds + toleranceSeconds) throw new InvalidClaims(`its lifetime (exp − iat) of ${hours(exp - iat)} is longer than the maximum of ${hours(maxSeconds)}`);
}
