import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";

/** What a caller is told about a request refused before GraphQL saw it: never a stack or a path. */
export interface RequestRefusal {
  status: number;
  /** Machine-readable, as GraphQL errors' `extensions.code`: `BAD_REQUEST`, `PAYLOAD_TOO_LARGE`, … */
  code: string;
  message: string;
  /** Only on `INTERNAL_SERVER_ERROR`: the id of the service's log line that holds the cause. */
  reference?: string;
  /** What else the caller may act on, beside the code: the limit it met, its scope, … */
  extensions?: Record<string, unknown>;
}

export interface JsonErrorsOptions {
  /** Names the service in its log lines and in the message of an internal error. */
  service: string;
  /** Where the cause of an internal error goes, with its reference. Default: stderr. */
  log?: (line: string) => void;
  /** The body sent for a refusal. Default: `DEFAULT_REFUSAL_BODY`, GraphQL's own error shape. */
  body?: (refusal: RequestRefusal) => unknown;
}

/** As a GraphQL error, so that a client reads a refused body the way it reads any other refusal. */
export const DEFAULT_REFUSAL_BODY = (refusal: RequestRefusal): unknown => ({
  errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions, ...(refusal.reference ? { reference: refusal.reference } : {}) } }],
});

/** Answers a request refused outside GraphQL (a route, a middleware) with its status and {@link DEFAULT_REFUSAL_BODY}. */
export function sendRefusal(res: Response, refusal: RequestRefusal): void {
  res.status(refusal.status).json(DEFAULT_REFUSAL_BODY(refusal));
}

/**
 * body-parser's errors by their `type` (body-parser 2 and raw-body): each told in words of our own,
 * because theirs can carry a charset or encoding the caller chose, and their stacks name our paths.
 */
const BODY_REFUSALS: Record<string, (error: { limit?: number }) => Omit<RequestRefusal, "reference">> = {
  "entity.parse.failed": () => ({ status: 400, code: "BAD_REQUEST", message: "The request body is not valid JSON." }),
  "entity.too.large": ({ limit }) => ({
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is larger than this service accepts${typeof limit === "number" ? ` (${limit} bytes)` : ""}.`,
  }),
  "charset.unsupported": () => ({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "The request body's charset is not supported: send UTF-8 JSON." }),
  "encoding.unsupported": () => ({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "The request body's content encoding is not supported: send it uncompressed, or gzip, deflate or br." }),
  "request.aborted": () => ({ status: 400, code: "BAD_REQUEST", message: "The request body was not received whole: the client aborted it." }),
  "request.size.invalid": () => ({ status: 400, code: "BAD_REQUEST", message: "The request body's length does not match its Content-Length." }),
};

/** Codes for the other client errors an Express stack raises (http-errors with `expose`). */
const CLIENT_ERROR_CODES: Record<number, string> = { 400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE" };

/**
 * What the caller may be told about an error raised before GraphQL, or `undefined` when it is an
 * internal error (a bug, a database), whose cause stays in the service's log.
 */
export function requestRefusal(error: unknown): Omit<RequestRefusal, "reference"> | undefined {
  const { type, status, expose, limit } = (error ?? {}) as { type?: unknown; status?: unknown; expose?: unknown; limit?: number };
  const known = typeof type === "string" ? BODY_REFUSALS[type] : undefined;
  if (known) return known({ ...(limit !== undefined ? { limit } : {}) });
  if (typeof status === "number" && status >= 400 && status < 500 && expose === true) {
    return { status, code: CLIENT_ERROR_CODES[status] ?? "BAD_REQUEST", message: "The request was refused before it reached GraphQL." };
  }
  return undefined;
}

/**
 * An Express error handler that answers every error a route or body parser raised with JSON: a
 * client's mistake with its status and code, anything else as a 500 with a reference whose cause
 * (message and stack) is logged here and never sent. Register it after every route (Express calls
 * error handlers in order); without it Express sends an HTML page with the stack and file paths.
 */
export function useJsonErrors(options: JsonErrorsOptions): ErrorRequestHandler {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const body = options.body ?? DEFAULT_REFUSAL_BODY;
  // Express tells an error handler from a route by its four parameters.
  return (error, _req, res, next) => {
    // Too late for a status: Express's own handler ends the connection, which is all that is left.
    if (res.headersSent) return next(error);
    let refusal: RequestRefusal | undefined = requestRefusal(error);
    if (!refusal) {
      const reference = randomUUID();
      log(JSON.stringify({ level: "error", service: options.service, reference, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack }));
      refusal = { status: 500, code: "INTERNAL_SERVER_ERROR", message: `Internal error in ${options.service} (reference ${reference})`, reference };
    }
    res.status(refusal.status).json(body(refusal));
  };
}

/**
 * Answers a path nothing serves with a JSON 404, as every other refusal is answered, in place of
 * Express's HTML page (which echoes the path). Registered after every route, before `useJsonErrors`.
 */
export const jsonNotFound: RequestHandler = (_req, res) => sendRefusal(res, { status: 404, code: "NOT_FOUND", message: "Nothing is served at this path." });
