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
  return config;
}
