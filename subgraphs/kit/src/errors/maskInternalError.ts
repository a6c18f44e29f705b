import { randomUUID } from "node:crypto";
import type { GraphQLFormattedError } from "graphql";

/**
 * A `formatError` unit (gateway and subgraphs alike): an error with no code of its own, or
 * `INTERNAL_SERVER_ERROR`, is a database or programming error that can carry SQL, a path or
 * personal data. Its message goes to the service's log under a new reference; the caller gets
 * `Internal error in <service> (reference …)`. An error that already carries a reference (masked by
 * the subgraph it came from) keeps it, so the reference leads to the log that has the cause.
 */
export function maskInternalError(formatted: GraphQLFormattedError, service: string, log: (line: string) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if ((code && code !== "INTERNAL_SERVER_ERROR") || formatted.extensions?.reference) return formatted;
  const reference = randomUUID();
  log(JSON.stringify({ level: "error", service, reference, message: formatted.message, path: formatted.path }));
  return { message: `Internal error in ${service} (reference ${reference})`, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR", reference } };
}
