import { integerSettings, type IntegerSettingSpec } from "@tessera/kit";
import { DEFAULT_ENTITIES_PER_FETCH } from "./estimateFanOut";

/**
 * The limits every operation meets before the gateway plans it. The defaults are set from the
 * product's documented queries (docs/queries/, each one's figures in docs/operations.md), with room
 * for a screen that combines two of them, and well short of what holds the planner (docs/operations.md,
 * "Planning time").
 */
export interface OperationLimits {
  /** Deepest field nesting (graphql-armor's count: each field and fragment spread is a level). */
  maxDepth: number;
  /** Aliases in the operation, fragments included (graphql-armor's count; `__typename` is free). */
  maxAliases: number;
  /** Directives used in the operation (`@include`, `@skip`, …), fragments included. */
  maxDirectives: number;
  /** Lexical tokens in the document; parsing stops at the first one over (graphql-js's own `maxTokens`). */
  maxTokens: number;
  /** Fields selected with every fragment spread where it is used: what the planner walks. */
  maxFields: number;
  /** Estimated subgraph fetches, weighted by the entities each carries (estimateFanOut). */
  maxCost: number;
  /** Entities one fetch may carry and count as one (estimateFanOut). */
  entitiesPerFetch: number;
}

/**
 * Victim-to-suspect, the deepest documented query, is 8; one level spare. Each further level of a
 * walk from subject to subject multiplies the planner's work (bench:planner), so depth is kept tight.
 */
export const DEFAULT_MAX_DEPTH = 9;
/** No documented query uses one; a screen that shows two or three people side by side needs a few. */
export const DEFAULT_MAX_ALIASES = 10;
/** No documented query uses one; `@include`/`@skip` on each optional panel of a screen fits in 10. */
export const DEFAULT_MAX_DIRECTIVES = 10;
/** The longest documented query has 57 tokens and the explorer's introspection query 184: room above both, while a 1 MB body stops parsing early. */
export const DEFAULT_MAX_TOKENS = 1000;
/** The longest documented query selects 28 fields; a screen joining three such fits in 100. */
export const DEFAULT_MAX_FIELDS = 100;
/** The costliest documented query (associates) costs 11 and a person's risk 9: two such on one screen fit in 25. */
export const DEFAULT_MAX_COST = 25;

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: DEFAULT_MAX_DEPTH,
  maxAliases: DEFAULT_MAX_ALIASES,
  maxDirectives: DEFAULT_MAX_DIRECTIVES,
  maxTokens: DEFAULT_MAX_TOKENS,
  maxFields: DEFAULT_MAX_FIELDS,
  maxCost: DEFAULT_MAX_COST,
  entitiesPerFetch: DEFAULT_ENTITIES_PER_FETCH,
};

/** The environment variable that sets each limit. */
export const OPERATION_LIMIT_VARIABLES: Record<keyof OperationLimits, string> = {
  maxDepth: "TESSERA_MAX_DEPTH",
  maxAliases: "TESSERA_MAX_ALIASES",
  maxDirectives: "TESSERA_MAX_DIRECTIVES",
  maxTokens: "TESSERA_MAX_TOKENS",
  maxFields: "TESSERA_MAX_FIELDS",
  maxCost: "TESSERA_MAX_COST",
  entitiesPerFetch: "TESSERA_ENTITIES_PER_FETCH",
};

/**
 * The limits from the environment, each variable a whole number (0 allowed for aliases and
 * directives: none at all), else the default. A malformed value stops the gateway at start rather
 * than leaving it unprotected.
 */
export function operationLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const specs = {} as Record<keyof OperationLimits, IntegerSettingSpec>;
  for (const key of Object.keys(OPERATION_LIMIT_VARIABLES) as (keyof OperationLimits)[]) {
    specs[key] = { variable: OPERATION_LIMIT_VARIABLES[key], fallback: DEFAULT_OPERATION_LIMITS[key], least: key === "maxAliases" || key === "maxDirectives" ? 0 : 1 };
  }
  return integerSettings(env, "operation limits", specs);
}
