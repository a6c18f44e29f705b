import { seededRandom } from "@tessera/kit";
import { comparisonLevelIndex } from "./comparisonLibrary";
import type { PreparedRecord } from "./linkableRecord";
import { cloneModel, type LinkageModel } from "./linkageModel";

export interface EstimateUOptions {
  seed: number;
  /** Sample at most this many pairs (all pairs when there are fewer). */
  maxPairs: number;
}

/**
 * u by random sampling, as Splink's `estimate_u_using_random_sampling`: two records drawn at random
 * are almost always two different people, so the share of random pairs at each level estimates
 * P(level | different people). Pairs where either value is missing (the null level) are left out of
 * that comparison's count. A level never seen in the sample gets u = 1 / (pairs compared), the
 * largest value consistent with not having seen it once. Seeded: the same seed gives the same u.
 * Comparisons declared `fixed` keep their u.
 */
export function estimateU(model: LinkageModel, records: readonly PreparedRecord[], options: EstimateUOptions): LinkageModel {
  const estimated = cloneModel(model);
  const count = records.length;
  const allPairs = (count * (count - 1)) / 2;
  const comparisons = estimated.comparisons.map((comparison, index) => ({ comparison, index })).filter(({ comparison }) => comparison.estimation === "estimated");
  const counts = comparisons.map(({ comparison }) => new Float64Array(comparison.levels.length));
  const visit = (a: PreparedRecord, b: PreparedRecord) => {
    for (let k = 0; k < comparisons.length; k += 1) counts[k]![comparisonLevelIndex(comparisons[k]!.comparison, a, b)]! += 1;
  };
  let sampled = 0;
  if (allPairs <= options.maxPairs) {
    for (let i = 0; i < count; i += 1) for (let j = i + 1; j < count; j += 1) visit(records[i]!, records[j]!);
    sampled = allPairs;
  } else {
    const random = seededRandom(options.seed);
    while (sampled < options.maxPairs) {
      const i = Math.floor(random() * count);
      const j = Math.floor(random() * count);
      if (i === j) continue;
      visit(records[i]!, records[j]!);
      sampled += 1;
    }
  }
  comparisons.forEach(({ comparison }, k) => {
    const levelCounts = counts[k]!;
    let compared = 0;
    comparison.levels.forEach((level, index) => {
      if (!level.isNull && !level.neutral) compared += levelCounts[index]!;
    });
    if (compared === 0) return;
    comparison.levels.forEach((level, index) => {
      if (level.isNull || level.neutral) return;
      level.u = Math.max(levelCounts[index]!, 1) / compared;
    });
  });
  estimated.training = { ...estimated.training, uEstimatedFrom: sampled };
  return estimated;
}
