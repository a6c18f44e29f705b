export { PlanCache } from "./PlanCache";
export {
  DEFAULT_PLANNING_DEADLINE_MS,
  DEFAULT_PLANNING_HEAP_MB,
  DEFAULT_PLANNING_OPTIONS,
  DEFAULT_PLANNING_QUEUE,
  DEFAULT_PLANNING_THREADS,
  PlannerRejected,
  PlanningBusy,
  PlanningDeadlineExceeded,
  PlanningPool,
  PlanningUnavailable,
  type PlanningOptions,
  type PlanRequest,
} from "./PlanningPool";
export { planningOptionsFromEnv } from "./planningOptions";
export { DEFAULT_PLANNING_RETRY_AFTER_SECONDS, planCacheKey, usePlanningOffThread, type PlanningOffThreadOptions } from "./usePlanningOffThread";
