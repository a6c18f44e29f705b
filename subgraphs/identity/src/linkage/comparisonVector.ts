import { comparisonLevelIndex } from "./comparisonLibrary";
import type { PreparedRecord } from "./linkableRecord";
import type { LinkageModel } from "./linkageModel";

/** Splink's gamma vector: for each comparison of the model, the index of the level the pair falls in. */
export function comparisonVector(model: LinkageModel, a: PreparedRecord, b: PreparedRecord): Uint8Array {
  const vector = new Uint8Array(model.comparisons.length);
  model.comparisons.forEach((comparison, index) => {
    vector[index] = comparisonLevelIndex(comparison, a, b);
  });
  return vector;
}

/** The Bayes factor m/u of a comparison level, without term-frequency adjustment (used by EM). */
export function levelBayesFactor(model: LinkageModel, comparisonIndex: number, levelIndex: number): number {
  const level = model.comparisons[comparisonIndex]!.levels[levelIndex]!;
  if (level.isNull || level.neutral) return 1;
  const factor = level.m / level.u;
  return level.minimumBayesFactor !== undefined ? Math.max(factor, level.minimumBayesFactor) : factor;
}
