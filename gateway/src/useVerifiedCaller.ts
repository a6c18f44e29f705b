import { AuthenticationFailure, InvalidClaims, justificationHeader, requestCaller, sendRefusal, type Caller, type JustificationRules, type TokenVerifier } from "@tessera/kit";
import type { RequestHandler, Response } from "express";

export interface VerifiedCallerOptions {
  verifier: TokenVerifier;
  /** The rules a justification header must meet (the access config's). */
  justification: JustificationRules;
}

/**
 * Verifies who is asking from the request's headers alone, before its body is read or it takes a
 * place in flight: a request without a genuine token is answered 401 at once, so it can neither hold
 * a place by sending its body slowly nor make the gateway read a megabyte for nobody. The caller is
 * kept for the request (see {@link verifiedCaller}); each subgraph verifies the token again.
 */
export function useVerifiedCaller(options: VerifiedCallerOptions): RequestHandler {
  return (req, res, next) => {
    options.verifier.verify(req.header("authorization")).then(
      (token) => {
        try {
          res.locals.caller = requestCaller(token, justificationHeader(req.headersDistinct), options.justification);
        } catch (error) {
          return void refuse(res, error, next);
        }
        next();
      },
      (error: unknown) => refuse(res, error, next),
    );
  };
}

/** The caller {@link useVerifiedCaller} verified for this request. */
export function verifiedCaller(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error("no verified caller: useVerifiedCaller must run before this handler");
  return caller;
}

function refuse(res: Response, error: unknown, next: (error: unknown) => void): void {
  if (!(error instanceof AuthenticationFailure || error instanceof InvalidClaims)) return next(error);
  sendRefusal(res, { status: 401, code: "UNAUTHENTICATED", message: error.message });
}
