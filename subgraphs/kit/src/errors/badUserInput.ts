import { GraphQLError } from "graphql";

/**
 * The error for input a caller can fix: `extensions.code` is `BAD_USER_INPUT` and `extensions.field`
 * names the field at fault (a dotted path for nested input, e.g. `input.dateOfBirth`).
 */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: "BAD_USER_INPUT", field } });
}

/** A validation failure outside GraphQL (the bulk import), with the same field and message. */
export class InvalidInput extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = "InvalidInput";
  }

  toGraphQLError(prefix?: string): GraphQLError {
    return badUserInput(prefix ? `${prefix}.${this.field}` : this.field, this.reason);
  }
}
