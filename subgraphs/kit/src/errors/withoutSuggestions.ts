import type { GraphQLFormattedError } from "graphql";

/**
 * graphql-js's suggestions: `Did you mean "id"?`, `Did you mean the enum value "SUSPECT"?`,
 * `Did you mean "SubjectRole"?`, up to five names each. Each ends its sentence with `?`.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * A `formatError` unit (gateway and subgraphs alike) that takes graphql-js's "Did you mean …"
 * suggestions out of every error, whatever raised it: validation (fields, arguments, types, enum
 * literals), variable coercion (enum values in variables, which Apollo's own
 * `hideSchemaDetailsFromClientErrors` misses: it touches validation errors only) and errors a
 * subgraph passed back. A suggestion names the schema's fields and values to someone guessing at
 * them, whatever introspection allows.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.includes("Did you mean")) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, "") };
}
