import { DEFAULT_PLANNING_OPTIONS } from "../PlanningPool";
import { planningOptionsFromEnv } from "../planningOptions";

describe("planning settings from the environment", () => {
  it("are the documented defaults when nothing is set", () => {
    expect(planningOptionsFromEnv({})).toEqual({ threads: 1, deadlineMs: 2000, maxQueued: 16, heapMb: 512 });
    expect(planningOptionsFromEnv({})).toEqual(DEFAULT_PLANNING_OPTIONS);
  });

  it("each variable sets its setting", () => {
    expect(planningOptionsFromEnv({ TESSERA_PLANNING_THREADS: "2", TESSERA_PLANNING_DEADLINE_MS: "3000", TESSERA_PLANNING_QUEUE: "4", TESSERA_PLANNING_HEAP_MB: "256" })).toEqual({
      threads: 2,
      deadlineMs: 3000,
      maxQueued: 4,
      heapMb: 256,
    });
  });

  it("a malformed value stops the gateway at start, naming the variable", () => {
    expect(() => planningOptionsFromEnv({ TESSERA_PLANNING_QUEUE: "0", TESSERA_PLANNING_HEAP_MB: "lots" })).toThrow(/TESSERA_PLANNING_QUEUE must be a whole number ≥ 1, not "0"; TESSERA_PLANNING_HEAP_MB .*"lots"/);
  });
});
