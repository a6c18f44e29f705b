import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from "graphql";
import { estimateFanOut } from "./estimateFanOut";
import { limitRefusal } from "./limitRefusal";
import { operationCounter, type OperationCounts } from "./operationCounts";
import type { OperationLimits } from "./operationLimits";
import type { SupergraphFanOut } from "./supergraphFanOut";

export interface OperationLimitsOptions {
  limits: OperationLimits;
  /** The routing of the supergraph now served (it changes when the supergraph file is reloaded). */
  fanOut(): SupergraphFanOut;
}

/** What Apollo Server needs to enforce the limits: spread into its options. */
export interface OperationLimitsUnit {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  /** Gives the token limit's refusal its code; pass every formatted error through it. */
  formatError(formatted: GraphQLFormattedError): GraphQLFormattedError;
}

const COUNTED = [
  ["maxDepth", "depth"],
  ["maxAliases", "aliases"],
  ["maxDirectives", "directives"],
] as const satisfies readonly (readonly [keyof OperationLimits, keyof OperationCounts])[];

/**
 * Refuses an operation over any limit with a 400 before the gateway plans it or calls a subgraph.
 *
 * Tokens: graphql-js's own `maxTokens` (what graphql-armor's token plugin adds to envelop's parser,
 * which Apollo Server does not let one replace), so a long document stops parsing at the first token
 * over. Depth, aliases, directives: graphql-armor's rules count them during Apollo's validation,
 * which runs only when a document is not already in Apollo's document cache (operationCounter). A
 * validation error always carries Apollo's `GRAPHQL_VALIDATION_FAILED`, so the refusal — with the
 * limit's own code — is made in `didResolveOperation`, Apollo's last step before execution, where
 * the gateway plans. The fan-out cost depends on variables (a caseload's ids), so it is estimated
 * for every request; the walk stops at the first unit over the limit.
 */
export function useOperationLimits(options: OperationLimitsOptions): OperationLimitsUnit {
  const { limits } = options;
  const counter = operationCounter();
  // graphql-js 16 words it "more that"; a test pins the refusal, so a rewording is caught.
  const tooManyTokens = new RegExp(`Document contains more th[ae][nt] ${limits.maxTokens} tokens`);
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: counter.rules,
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operation, schema, request }) {
              // Apollo has already answered a document with no operation to run.
              if (!operation) return;
              const counts = counter.countsOf(schema, document, operation);
              for (const [limit, measure] of COUNTED) {
                if (counts && counts[measure] > limits[limit]) throw limitRefusal(limit, limits[limit], counts[measure]);
              }
              const estimate = estimateFanOut(options.fanOut(), document, operation, request.variables ?? {}, {
                entitiesPerFetch: limits.entitiesPerFetch,
                stopAbove: limits.maxCost,
                stopAboveFields: limits.maxFields,
              });
              if (estimate.fields > limits.maxFields) throw limitRefusal("maxFields", limits.maxFields, estimate.fields, estimate.stopped);
              if (estimate.cost > limits.maxCost) throw limitRefusal("maxCost", limits.maxCost, estimate.cost, estimate.stopped);
            },
          };
        },
      },
    ],
    formatError(formatted) {
      if (formatted.extensions?.code !== "GRAPHQL_PARSE_FAILED" || !tooManyTokens.test(formatted.message)) return formatted;
      const { message, extensions } = limitRefusal("maxTokens", limits.maxTokens, limits.maxTokens + 1, true);
      const { http: _status, ...shown } = extensions;
      return { message, extensions: shown };
    },
  };
}
