import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The settings a professional might question — thresholds, the clustering rule, estimation — with
 * their rationale, in `subgraphs/identity/config/linkage.json`, not in code.
 */
export interface LinkageConfig {
  matchThreshold: { probability: number; rationale: string };
  reviewThreshold: { probability: number; rationale: string };
  clustering: { minimumSupport: number; rationale: string };
  confidence: { highSupport: number; rationale: string };
  estimation: { seed: number; uMaxPairs: number; emMaxIterations: number; emConvergence: number; minimumObservations: number; rationale: string };
  postcodeMismatchMinimumBayesFactor: { value: number; rationale: string };
  /** Place name → the area codes (forces, trusts, councils) covering it. */
  places: { groups: Record<string, string[]>; rationale: string };
}

export const LINKAGE_CONFIG_PATH = path.join(__dirname, "..", "..", "config", "linkage.json");

export function loadLinkageConfig(file: string = LINKAGE_CONFIG_PATH): LinkageConfig {
  const config = JSON.parse(readFileSync(file, "utf8")) as LinkageConfig;
  const { matchThreshold, reviewThreshold } = config;
  const isProbability = (value: unknown) => typeof value === "number" && value > 0 && value < 1;
  if (!isProbability(matchThreshold?.probability) || !isProbability(reviewThreshold?.probability)) {
    throw new Error(`${file}: matchThreshold.probability and reviewThreshold.probability must be between 0 and 1`);
  }
  if (reviewThreshold.probability > matchThreshold.probability) throw new Error(`${file}: the review threshold must not exceed the match threshold`);
  checkPlaces(file, config.places?.groups);
  return config;
}

/**
 * Whether two areas are of one place (`places` in the configuration): the same area, or two areas one
 * group lists. An area no group lists is a place of its own.
 */
export function sameArea(config: LinkageConfig, a: string, b: string): boolean {
  if (a === b) return true;
  return Object.values(config.places.groups).some((areas) => areas.includes(a) && areas.includes(b));
}

/** An area in two places would make "one place" intransitive (A with B, B with C, not A with C): refused at load. */
function checkPlaces(file: string, groups: unknown): void {
  if (typeof groups !== "object" || groups === null) throw new Error(`${file}: places.groups must map each place to its areas' codes`);
  const placeOf = new Map<string, string>();
  for (const [place, areas] of Object.entries(groups)) {
    if (!Array.isArray(areas) || !areas.every((area) => typeof area === "string" && area.length > 0)) {
      throw new Error(`${file}: places.groups.${place} must be a list of area codes`);
    }
    for (const area of areas as string[]) {
      const other = placeOf.get(area);
      if (other !== undefined) throw new Error(`${file}: area ${area} is in two places, ${other} and ${place}`);
      placeOf.set(area, place);
    }
  }
}
