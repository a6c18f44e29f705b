import { DEFAULT_PLANNING_OPTIONS, type PlanningOptions } from "./PlanningPool";

/** TESSERA_PLANNING_THREADS, TESSERA_PLANNING_DEADLINE_MS, TESSERA_PLANNING_QUEUE and TESSERA_PLANNING_HEAP_MB, whole numbers ≥ 1; a malformed value stops the gateway at start. */
export function planningOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PlanningOptions {
  const options = { ...DEFAULT_PLANNING_OPTIONS };
  const problems: string[] = [];
  const read = (variable: string, key: keyof PlanningOptions) => {
    const text = env[variable]?.trim();
    if (text === undefined || text === "") return;
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) options[key] = Number(text);
    else problems.push(`${variable} must be a whole number ≥ 1, not "${text}"`);
  };
  read("TESSERA_PLANNING_THREADS", "threads");
  read("TESSERA_PLANNING_DEADLINE_MS", "deadlineMs");
  read("TESSERA_PLANNING_QUEUE", "maxQueued");
  read("TESSERA_PLANNING_HEAP_MB", "heapMb");
  if (problems.length > 0) throw new Error(`query planning: ${problems.join("; ")}`);
  return options;
}
