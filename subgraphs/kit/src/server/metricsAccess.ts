import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { devMetricsToken } from "../access/devIssuer";
import { sendRefusal } from "./jsonErrors";

/**
 * A configured scraper token shorter than this is refused at start: `/metrics` shows how busy each
 * agency's service is and how many registrations wait, which is not for whoever guesses a word.
 */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/**
 * The bearer token `/metrics` answers to: `TESSERA_METRICS_TOKEN`; with the development issuer and
 * none set, one generated beside the issuer's key (`metrics.token` in `TESSERA_DEV_ISSUER_DIR`), so
 * tests and benches read it as a scraper would; with a real issuer and none set, `undefined`:
 * `/metrics` is off.
 */
export function metricsToken(development: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.TESSERA_METRICS_TOKEN?.trim();
  if (configured) {
    if (configured.length < MIN_METRICS_TOKEN_LENGTH) throw new Error(`TESSERA_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`);
    return configured;
  }
  return development ? devMetricsToken(env) : undefined;
}

/**
 * Guards `/metrics` for a configured scraper: 404 when no token is configured (the endpoint is off),
 * 401 with `WWW-Authenticate` for any request without `Authorization: Bearer <token>`. A token of
 * its own rather than a separate listener: one port per service, as the stack and its containers
 * already have, and Prometheus sends a bearer token from a file (`authorization.credentials_file`).
 */
export function useMetricsAccess(token: string | undefined): RequestHandler {
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const expected = token === undefined ? undefined : digest(token);
  return (req, res, next) => {
    if (!expected) return sendRefusal(res, { status: 404, code: "NOT_FOUND", message: "Metrics are off: no scraper token is configured" });
    const sent = /^Bearer +(\S+)\s*$/i.exec(req.header("authorization") ?? "")?.[1];
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next();
    res.set("www-authenticate", 'Bearer realm="metrics"');
    sendRefusal(res, { status: 401, code: "UNAUTHENTICATED", message: "Metrics are for the configured scraper: send its token as Authorization: Bearer <token>" });
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
