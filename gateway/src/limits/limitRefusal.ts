import { GraphQLError } from "graphql";
import type { OperationLimits } from "./operationLimits";

/** One code per limit, so that a client (and an operator reading logs) knows which one to look at. */
export const LIMIT_CODES = {
  maxDepth: "OPERATION_TOO_DEEP",
  maxAliases: "TOO_MANY_ALIASES",
  maxDirectives: "TOO_MANY_DIRECTIVES",
  maxTokens: "TOO_MANY_TOKENS",
  maxFields: "TOO_MANY_FIELDS",
  maxCost: "OPERATION_TOO_COSTLY",
} as const satisfies Partial<Record<keyof OperationLimits, string>>;

export type LimitName = keyof typeof LIMIT_CODES;

const MEASURES: Record<LimitName, { name: string; found(value: string): string }> = {
  maxDepth: { name: "depth", found: (value) => `its depth is ${value}` },
  maxAliases: { name: "aliases", found: (value) => `it has ${value} aliases` },
  maxDirectives: { name: "directives", found: (value) => `it has ${value} directives` },
  maxTokens: { name: "tokens", found: (value) => `it has ${value} tokens` },
  maxFields: { name: "fields", found: (value) => `it selects ${value} fields (fragments spread where used)` },
  maxCost: { name: "cost", found: (value) => `its estimated cost is ${value} subgraph fetches` },
};

/**
 * A 400 naming the limit, its maximum and the operation's own figure. `atLeast` says the figure is
 * where counting stopped (parsing or the cost walk ends at the first unit over), not the whole.
 */
export function limitRefusal(limit: LimitName, maximum: number, value: number, atLeast = false): GraphQLError {
  const measure = MEASURES[limit];
  const found = measure.found(atLeast ? `more than ${maximum}` : String(value));
  return new GraphQLError(`Operation refused before planning: ${found}, over the ${measure.name} limit of ${maximum}.`, {
    extensions: { code: LIMIT_CODES[limit], limit: measure.name, maximum, value, ...(atLeast ? { atLeast: true } : {}), http: { status: 400 } },
  });
}
