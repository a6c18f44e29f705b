import cors from "cors";
import type { RequestHandler } from "express";
import { JUSTIFICATION_HEADER } from "@tessera/kit";

/**
 * The request headers a browser client may send cross-origin: its token, the JSON body's type, the
 * justification, its own request id, and Apollo's header for requests that must be preflighted
 * (its CSRF prevention accepts a request carrying it).
 */
export const DEFAULT_CORS_ALLOWED_HEADERS = ["authorization", "content-type", JUSTIFICATION_HEADER, "x-request-id", "apollo-require-preflight"];

/** How long a browser may reuse a preflight: ten minutes, so a changed allow-list takes effect soon. */
export const DEFAULT_CORS_MAX_AGE_SECONDS = 600;

export interface CorsOptions {
  /** Origins allowed to call the gateway from a browser, exactly as the browser sends them (`https://app.example`). Default: none. */
  origins: string[];
  /** Default: DEFAULT_CORS_ALLOWED_HEADERS. */
  allowedHeaders?: string[];
  /** Default: DEFAULT_CORS_MAX_AGE_SECONDS. */
  maxAgeSeconds?: number;
}

/** `TESSERA_CORS_ORIGINS`: a comma-separated allow-list of origins; unset or empty, no origin is allowed. */
export function corsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CorsOptions {
  const origins = (env.TESSERA_CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  for (const origin of origins) {
    // An origin is scheme, host and port, nothing more: a typo such as a trailing slash would never match.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new Error(`TESSERA_CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin (write it as https://host[:port], no path, no wildcard)`);
    }
  }
  return { origins };
}

/**
 * CORS for an allow-list of origins, with the `cors` package. A listed origin gets the headers (and
 * its preflight answered); any other origin gets no CORS header at all, so its browser keeps the
 * answer from it. Tokens are bearer tokens, never cookies: credentials are not allowed. Apollo's CSRF
 * prevention is untouched: a simple request (no preflight) is still refused whatever its origin.
 */
export function corsForBrowserClients(options: CorsOptions): RequestHandler {
  const allowed = new Set(options.origins);
  const listed: cors.CorsOptions = {
    origin: true,
    methods: ["GET", "POST"],
    allowedHeaders: options.allowedHeaders ?? DEFAULT_CORS_ALLOWED_HEADERS,
    maxAge: options.maxAgeSeconds ?? DEFAULT_CORS_MAX_AGE_SECONDS,
    credentials: false,
  };
  const handler = cors((req, callback) => callback(null, allowed.has(req.headers.origin ?? "") ? listed : { origin: false }));
  return (req, res, next) => {
    // The answer differs by origin, so caches must key on it, for foreign origins too.
    res.vary("Origin");
    handler(req, res, next);
  };
}
