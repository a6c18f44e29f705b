export { DEFAULT_ENTITIES_PER_FETCH, estimateFanOut, type FanOutEstimate, type FanOutOptions } from "./estimateFanOut";
export { LIMIT_CODES, limitRefusal, type LimitName } from "./limitRefusal";
export {
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_COST,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_DIRECTIVES,
  DEFAULT_MAX_FIELDS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_OPERATION_LIMITS,
  OPERATION_LIMIT_VARIABLES,
  operationLimitsFromEnv,
  type OperationLimits,
} from "./operationLimits";
export { operationCounter, tokenCount, type OperationCounter, type OperationCounts } from "./operationCounts";
export { supergraphFanOut, type FanOutField, type SupergraphFanOut } from "./supergraphFanOut";
export { useOperationLimits, type OperationLimitsOptions, type OperationLimitsUnit } from "./useOperationLimits";
