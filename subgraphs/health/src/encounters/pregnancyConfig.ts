import { readFileSync } from "node:fs";
import path from "node:path";

/** The bounds a recorded pregnancy is checked against, with their sources, from `config/pregnancy.json`. */
export interface PregnancyConfig {
  gestationWeeks: { min: number; max: number; source: string };
  /** Whole years of age at the encounter, inclusive at both ends. */
  pregnancyAges: { youngest: number; oldest: number; source: string };
}

export const PREGNANCY_CONFIG_PATH = path.join(__dirname, "..", "..", "config", "pregnancy.json");

/** Reads and checks the whole file, naming every malformed setting at once, so a bad edit stops the subgraph at start. */
export function loadPregnancyConfig(file: string = PREGNANCY_CONFIG_PATH): PregnancyConfig {
  const config = JSON.parse(readFileSync(file, "utf8")) as PregnancyConfig;
  const problems: string[] = [];
  const range = (key: keyof PregnancyConfig, low: string, high: string) => {
    const setting = config[key] as unknown as Record<string, unknown> | undefined;
    const [from, to] = [setting?.[low], setting?.[high]];
    if (!Number.isInteger(from) || !Number.isInteger(to) || (from as number) < 0 || (from as number) > (to as number)) {
      problems.push(`${key}.${low} and ${key}.${high} must be whole numbers, ${low} ≥ 0 and not above ${high}`);
    }
    if (typeof setting?.source !== "string" || setting.source.trim() === "") problems.push(`${key}.source must say where the bounds come from`);
  };
  range("gestationWeeks", "min", "max");
  range("pregnancyAges", "youngest", "oldest");
  if (problems.length > 0) throw new Error(`${file}:\n  - ${problems.join("\n  - ")}`);
  return config;
}

export const PREGNANCY_CONFIG: PregnancyConfig = loadPregnancyConfig();
