import { errors, jwtVerify } from "jose";
import type { AccessConfig } from "./accessConfig";
import { callerFromClaims, InvalidClaims, type Caller } from "./Caller";
import { checkLowS } from "./canonicalSignature";
import { checkTokenLifetime } from "./tokenLifetime";

/** Why a request was not authenticated, in words the caller can act on. Answered with HTTP 401. */
export class AuthenticationFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthenticationFailure";
  }
}

/** Verified tokens kept per process, so a busy user's token is checked once, not on every request. */
const CACHE_LIMIT = 1000;

/** Seconds of clock difference between issuer and service that `exp`, `nbf`, `iat` and the lifetime allow. */
const CLOCK_TOLERANCE = 5;

/**
 * Verifies bearer tokens with jose: the signature against the configured keys, the issuer, the
 * audience, `exp` and `nbf`, and the algorithm against the allowed list (jose never accepts
 * `none`); then what jose leaves alone: `iat` and the token's lifetime, its agency and area against
 * the declared callers, and an ECDSA signature's canonical (low-S) form.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { caller: Caller; notBefore: number; expires: number; keys: number }>();

  constructor(private readonly config: AccessConfig) {}

  async verify(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw new AuthenticationFailure("Authentication required: send an Authorization: Bearer <token> header");
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new AuthenticationFailure("The Authorization header must be Bearer <token>");
    const token = match[1]!;
    const now = Date.now() / 1000;
    const cached = this.verified.get(token);
    // A cached token is verified again once the keys are re-read or due to be: its key may be gone.
    const { keys } = this.config;
    if (cached && now >= cached.notBefore && now < cached.expires && cached.keys === keys.version && keys.fresh) return cached.caller;
    if (cached) this.verified.delete(token);

    try {
      const { payload } = await jwtVerify(token, keys.getKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        // iat too, but checked after these, with the lifetime, so that a token missing exp is told so first.
        requiredClaims: ["exp", "sub"],
        clockTolerance: CLOCK_TOLERANCE,
      });
      checkTokenLifetime(payload, this.config.maxTokenLifetimeSeconds, CLOCK_TOLERANCE, now);
      const caller = callerFromClaims(payload);
      this.config.callers.check(caller);
      checkLowS(token);
      if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { caller, notBefore: payload.nbf ?? 0, expires: payload.exp!, keys: keys.version });
      return caller;
    } catch (error) {
      throw new AuthenticationFailure(`Invalid token: ${reason(error)}`);
    }
  }
}

function reason(error: unknown): string {
  if (error instanceof InvalidClaims) return error.message;
  if (error instanceof errors.JWTExpired) return "it has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "it is not valid yet";
    if (error.claim === "aud") return "it is not issued for this audience";
    if (error.claim === "iss") return "it is not from the trusted issuer";
    return `its ${error.claim} claim is ${error.reason === "missing" ? "missing" : "invalid"}`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "its signing algorithm is not allowed";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "it is signed by a key this service does not trust";
  if (error instanceof errors.JOSENotSupported) return "its algorithm or key type is not supported";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "it is not a well-formed signed JWT";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return "its keys could not be checked";
  throw error;
}
