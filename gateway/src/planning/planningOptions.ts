import { integerSettings } from "@tessera/kit";
import { DEFAULT_PLANNING_OPTIONS, type PlanningOptions } from "./PlanningPool";

/** TESSERA_PLANNING_THREADS, TESSERA_PLANNING_DEADLINE_MS, TESSERA_PLANNING_QUEUE and TESSERA_PLANNING_HEAP_MB, whole numbers ≥ 1; a malformed value stops the gateway at start. */
export function planningOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PlanningOptions {
  return integerSettings(env, "query planning", {
    threads: { variable: "TESSERA_PLANNING_THREADS", fallback: DEFAULT_PLANNING_OPTIONS.threads },
    deadlineMs: { variable: "TESSERA_PLANNING_DEADLINE_MS", fallback: DEFAULT_PLANNING_OPTIONS.deadlineMs },
    maxQueued: { variable: "TESSERA_PLANNING_QUEUE", fallback: DEFAULT_PLANNING_OPTIONS.maxQueued },
    heapMb: { variable: "TESSERA_PLANNING_HEAP_MB", fallback: DEFAULT_PLANNING_OPTIONS.heapMb },
  });
}
