import { comparisonVectors, levelBayesFactor } from "./comparisonVector";
import type { PreparedRecord } from "./linkableRecord";
import { cloneModel, type LinkageModel } from "./linkageModel";

export interface ExpectationMaximisationOptions {
  maxIterations: number;
  /** Stop when no m nor the prior moves by more than this. */
  convergence: number;
  /** A level seen in fewer blocked pairs keeps its declared m. */
  minimumObservations: number;
  /** Total record pairs (n(n−1)/2), to turn the share of matches among candidates into the prior. */
  totalPairs: number;
  /** The pairs' gamma vectors from `comparisonVectors`, when the caller has them already (scoring reuses them). */
  vectors?: Uint8Array;
}

/**
 * m and the prior by expectation maximisation over the blocked candidate pairs, u held fixed — as
 * Splink's `estimate_parameters_using_expectation_maximisation` with `fix_u_probabilities`. No labels:
 * the E step gives each pair its probability of being a match under the current parameters, the M step
 * sets each m to the match-weighted share of pairs at that level. Identical comparison vectors are
 * grouped first (as integers, so grouping millions of pairs allocates nothing per pair), so an
 * iteration costs the number of distinct vectors, not pairs: EM runs over every blocked pair, with
 * no need to sample them.
 *
 * The prior for scoring is P(two random records match) = (expected matches among candidates) /
 * (all pairs): the blocking rules are built to bring almost every true pair together. Levels seen in
 * fewer than `minimumObservations` pairs keep their declared m (Splink warns and does the same),
 * and the other estimated levels of that comparison share the remaining probability.
 */
export function expectationMaximisation(
  model: LinkageModel,
  records: readonly PreparedRecord[],
  candidatePairs: Uint32Array,
  options: ExpectationMaximisationOptions,
): LinkageModel {
  const estimated = cloneModel(model);
  const comparisons = estimated.comparisons;
  const width = comparisons.length;
  const vectors = options.vectors ?? comparisonVectors(estimated, records, candidatePairs);
  const place = new Float64Array(width);
  for (let c = 0, scale = 1; c < width; scale *= comparisons[c]!.levels.length, c += 1) place[c] = scale;
  const counts = new Map<number, number>();
  for (let row = 0; row < vectors.length; row += width) {
    let code = 0;
    for (let c = 0; c < width; c += 1) code += vectors[row + c]! * place[c]!;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const grouped = [...counts].map(([code, count]) => {
    const vector = new Uint8Array(width);
    let rest = code;
    for (let c = width - 1; c >= 0; c -= 1) {
      vector[c] = Math.floor(rest / place[c]!);
      rest -= vector[c]! * place[c]!;
    }
    return { vector, count };
  });
  const pairCount = candidatePairs.length / 2;
  if (pairCount === 0) return estimated;
  const observed = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  for (const { vector, count } of grouped) vector.forEach((level, c) => (observed[c]![level]! += count));

  let lambda = 0.3;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations && !converged) {
    iterations += 1;
    const weighted = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
    let expectedMatches = 0;
    for (const { vector, count } of grouped) {
      let bayesFactor = 1;
      vector.forEach((level, c) => (bayesFactor *= levelBayesFactor(estimated, c, level)));
      const odds = (lambda / (1 - lambda)) * bayesFactor;
      const posterior = Number.isFinite(odds) ? odds / (1 + odds) : 1;
      const matches = posterior * count;
      expectedMatches += matches;
      vector.forEach((level, c) => (weighted[c]![level]! += matches));
    }
    let largestMove = Math.abs(expectedMatches / pairCount - lambda);
    lambda = Math.min(Math.max(expectedMatches / pairCount, 1e-9), 1 - 1e-9);
    comparisons.forEach((comparison, c) => {
      if (comparison.estimation !== "estimated") return;
      const levels = comparison.levels;
      const estimable = levels.map((level, l) => !level.isNull && !level.neutral && observed[c]![l]! >= options.minimumObservations);
      const keptMass = levels.reduce((sum, level, l) => (!level.isNull && !level.neutral && !estimable[l] ? sum + level.m : sum), 0);
      const total = levels.reduce((sum, _level, l) => (estimable[l] ? sum + weighted[c]![l]! : sum), 0);
      if (total <= 0) return;
      levels.forEach((level, l) => {
        if (!estimable[l]) return;
        const m = Math.max((weighted[c]![l]! / total) * (1 - keptMass), 1e-6);
        largestMove = Math.max(largestMove, Math.abs(m - level.m));
        level.m = m;
      });
    });
    converged = largestMove < options.convergence;
  }
  estimated.probabilityTwoRandomRecordsMatch = Math.min(Math.max((lambda * pairCount) / options.totalPairs, 1e-12), 0.5);
  estimated.training = { ...estimated.training, emIterations: iterations, emConverged: converged, candidatePairs: pairCount, records: records.length };
  return estimated;
}
