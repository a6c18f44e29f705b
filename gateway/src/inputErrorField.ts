import type { GraphQLFormattedError } from "graphql";

const INVALID_AT = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)";/s;
const MISSING_FIELD = /^Variable "\$(\w+)" got invalid value .*; Field "(\w+)" of required type .* was not provided\.$/s;
const WHOLE_VARIABLE = /^Variable "\$(\w+)" /;

/**
 * Names the field at fault on the errors GraphQL itself raises for bad variables (an unknown enum
 * value, a missing required field), as the subgraphs do for the input they check themselves: every
 * `BAD_USER_INPUT` then carries `extensions.field`, e.g. `input.sex`.
 */
export function withInputErrorField(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code !== "BAD_USER_INPUT" || formatted.extensions.field) return formatted;
  const field = fieldOf(formatted.message);
  return field ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
}

function fieldOf(message: string): string | undefined {
  const invalid = INVALID_AT.exec(message);
  if (invalid) return invalid[2];
  const missing = MISSING_FIELD.exec(message);
  if (missing) return `${missing[1]}.${missing[2]}`;
  return WHOLE_VARIABLE.exec(message)?.[1];
}
