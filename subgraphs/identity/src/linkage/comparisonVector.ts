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

/**
 * The gamma vectors of all candidate pairs, one row of `model.comparisons.length` level indexes per
 * pair (pair p at `p × comparisons`). Computing levels is the costly part of linkage (string
 * similarities), so it is done once and shared by EM and scoring: a byte per comparison per pair
 * instead of an object per pair.
 */
export function comparisonVectors(model: LinkageModel, records: readonly PreparedRecord[], candidatePairs: Uint32Array): Uint8Array {
  const comparisons = model.comparisons;
  const width = comparisons.length;
  const vectors = new Uint8Array((candidatePairs.length / 2) * width);
  for (let p = 0, row = 0; p < candidatePairs.length; p += 2, row += width) {
    const a = records[candidatePairs[p]!]!;
    const b = records[candidatePairs[p + 1]!]!;
    for (let c = 0; c < width; c += 1) vectors[row + c] = comparisonLevelIndex(comparisons[c]!, a, b);
  }
  return vectors;
}

/** The Bayes factor m/u of a comparison level, without term-frequency adjustment (used by EM). */
export function levelBayesFactor(model: LinkageModel, comparisonIndex: number, levelIndex: number): number {
  const level = model.comparisons[comparisonIndex]!.levels[levelIndex]!;
  if (level.isNull || level.neutral) return 1;
  const factor = level.m / level.u;
  return level.minimumBayesFactor !== undefined ? Math.max(factor, level.minimumBayesFactor) : factor;
}
