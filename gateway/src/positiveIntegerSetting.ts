/**
 * A whole number above zero from the environment, or `fallback` when the variable is unset or empty.
 * Anything else stops the gateway at start with the variable named: a typo in a limit must not
 * silently become "no limit" or "zero".
 */
export function positiveIntegerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${name} must be a whole number above zero, not "${env[name]}"`);
  }
  return Number(raw);
}
