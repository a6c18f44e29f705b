import { GraphQLError, Kind, parse, visit, type ArgumentNode } from "graphql";

/** A subgraph's error as it sent it in a refused (non-2xx) answer. */
export interface SubgraphErrorBody {
  message?: string;
  locations?: { line: number; column: number }[];
  extensions?: { code?: string; field?: string };
}

/**
 * The caller's own input, refused by a subgraph with HTTP 400: a scalar the gateway passes through
 * unparsed (its supergraph knows `DateTimeISO` only by name) that the subgraph's scalar rejects, in a
 * literal or a variable. Told as `BAD_USER_INPUT` naming the argument or variable at fault, rather
 * than as the subgraph being unavailable; `undefined` for any other answer. A validation failure
 * counts as input only where it points into an argument's value, which the gateway copied from the
 * caller's document (a scalar's own message, e.g. `DateTime cannot represent an invalid
 * date-time-string`, names no type); any other is a schema out of step, not the caller's doing.
 *
 * @param query the operation the gateway sent the subgraph, whose locations the subgraph's errors use
 */
export function subgraphInputError(serviceName: string, status: number | undefined, errors: SubgraphErrorBody[] | undefined, query: string | undefined): GraphQLError | undefined {
  if (status !== 400 || !errors?.length) return undefined;
  const first = errors[0]!;
  const message = first.message ?? "";
  const code = first.extensions?.code;
  const argument = code === "GRAPHQL_VALIDATION_FAILED" ? argumentAt(query, first.locations?.[0]) : undefined;
  if (code !== "BAD_USER_INPUT" && !argument) return undefined;
  const field = first.extensions?.field ?? argument;
  return new GraphQLError(argument ? `${argument}: ${message}` : message, {
    // No `field` for a variable: the gateway's formatError names it from the message, as for its own.
    extensions: { code: "BAD_USER_INPUT", serviceName, ...(field ? { field } : {}) },
  });
}

/** The name of the argument whose value holds this location of the query (validation reports the value). */
function argumentAt(query: string | undefined, location: { line: number; column: number } | undefined): string | undefined {
  if (!query || !location) return undefined;
  const lines = query.split(/\r\n|[\n\r]/);
  if (location.line > lines.length) return undefined;
  // graphql-js counts a line break as one character or two (CRLF); the lines here lose either, so
  // the offset is counted on the query itself.
  let offset = 0;
  for (let line = 1; line < location.line; line += 1) {
    offset += lines[line - 1]!.length;
    offset += query.startsWith("\r\n", offset) ? 2 : 1;
  }
  offset += location.column - 1;
  let found: string | undefined;
  visit(parse(query), {
    [Kind.ARGUMENT](node: ArgumentNode) {
      const loc = node.value.loc;
      if (loc && loc.start <= offset && offset < loc.end) found = node.name.value;
    },
  });
  return found;
}
