/**
 * A whole number from the environment, at least `least`, or `fallback` when the variable is unset
 * or empty. Anything else — "12h", "1e3", "0x10", "1.5", "-5", a number below `least` — stops the
 * service at start, naming the variable: a typo in a limit must never become "no limit", "zero" or
 * some other number. Every numeric setting of every Tessera process is read through here.
 */
export function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, least = 1): number {
  const problem = integerProblem(env, name, least);
  if (problem) throw new Error(problem);
  const raw = env[name]?.trim();
  return raw ? Number(raw) : fallback;
}

export interface IntegerSettingSpec {
  variable: string;
  fallback: number;
  /** Default 1. */
  least?: number;
}

/**
 * A group of settings read with {@link integerSetting}'s rule, every malformed one named in a
 * single error (`what: a; b`), so that one start shows every typo at once.
 */
export function integerSettings<K extends string>(env: NodeJS.ProcessEnv, what: string, specs: Record<K, IntegerSettingSpec>): Record<K, number> {
  const values = {} as Record<K, number>;
  const problems: string[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const { variable, fallback, least = 1 } = specs[key];
    const problem = integerProblem(env, variable, least);
    if (problem) problems.push(problem);
    else values[key] = integerSetting(env, variable, fallback, least);
  }
  if (problems.length > 0) throw new Error(`${what}: ${problems.join("; ")}`);
  return values;
}

function integerProblem(env: NodeJS.ProcessEnv, name: string, least: number): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) && Number(raw) >= least) return undefined;
  return `${name} must be a whole number ≥ ${least}, not "${raw}"`;
}
