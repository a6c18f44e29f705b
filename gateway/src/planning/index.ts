export { DEFAULT_PLANNING_DEADLINE_MS, DEFAULT_PLANNING_OPTIONS, DEFAULT_PLANNING_THREADS, PlanningDeadlineExceeded, PlanningPool, type PlanningOptions } from "./PlanningPool";
export { planningOptionsFromEnv } from "./planningOptions";
export { planCacheKey, usePlanningOffThread, type PlanningOffThreadOptions } from "./usePlanningOffThread";
