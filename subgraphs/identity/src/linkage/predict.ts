import { levelBayesFactor } from "./comparisonVector";
import { comparisonLevelIndex } from "./comparisonLibrary";
import type { LinkageColumn, PreparedRecord } from "./linkableRecord";
import type { LinkageModel } from "./linkageModel";
import { termFrequency, type TermFrequencies } from "./termFrequencies";

/** One bar of the waterfall: what a comparison saw and how many bits it added. */
export interface WaterfallStep {
  comparison: string;
  level: string;
  levelIndex: number;
  /** log2 of the Bayes factor, term-frequency adjusted where the level is. */
  bits: number;
}

/** A scored pair: Splink's `predict` row, with its explanation. */
export interface PairScore {
  left: string;
  right: string;
  /** log2 of the posterior odds: the prior's bits plus every comparison's. */
  matchWeight: number;
  matchProbability: number;
  /** The prior first, then each comparison in model order. */
  waterfall: WaterfallStep[];
}

export type TermFrequencyTables = Partial<Record<LinkageColumn, TermFrequencies>>;

export function priorBits(model: LinkageModel): number {
  return weightOf(model.probabilityTwoRandomRecordsMatch);
}

/** The match weight at which a pair reaches a probability: the inverse of `probabilityFromWeight`. */
export function weightOf(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

export function probabilityFromWeight(matchWeight: number): number {
  const odds = 2 ** matchWeight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** The bits a comparison adds for a pair at a level: log2(m/u), or log2(m/tf(value)) for a TF-adjusted exact match. */
export function levelBits(model: LinkageModel, comparisonIndex: number, levelIndex: number, a: PreparedRecord, termFrequencies: TermFrequencyTables): number {
  const comparison = model.comparisons[comparisonIndex]!;
  const level = comparison.levels[levelIndex]!;
  const spec = level.spec;
  if (spec.kind === "exactMatch" && spec.termFrequencyAdjusted && !level.isNull) {
    const table = termFrequencies[spec.column];
    const value = a[spec.column];
    if (table && value !== undefined) return Math.log2(level.m / termFrequency(table, value));
  }
  return Math.log2(levelBayesFactor(model, comparisonIndex, levelIndex));
}

/** Scores a pair with its waterfall (for explanation; `matchWeightOf` is the lean form for bulk scoring). */
export function scorePair(model: LinkageModel, a: PreparedRecord, b: PreparedRecord, termFrequencies: TermFrequencyTables): PairScore {
  const prior = priorBits(model);
  const waterfall: WaterfallStep[] = [{ comparison: "prior", level: "two records drawn at random", levelIndex: -1, bits: prior }];
  let matchWeight = prior;
  model.comparisons.forEach((comparison, c) => {
    const levelIndex = comparisonLevelIndex(comparison, a, b);
    const bits = levelBits(model, c, levelIndex, a, termFrequencies);
    matchWeight += bits;
    waterfall.push({ comparison: comparison.name, level: comparison.levels[levelIndex]!.label, levelIndex, bits });
  });
  return { left: a.id, right: b.id, matchWeight, matchProbability: probabilityFromWeight(matchWeight), waterfall };
}

/** The match weight of a pair, without building its explanation. */
export function matchWeightOf(model: LinkageModel, a: PreparedRecord, b: PreparedRecord, termFrequencies: TermFrequencyTables): number {
  let matchWeight = priorBits(model);
  for (let c = 0; c < model.comparisons.length; c += 1) {
    matchWeight += levelBits(model, c, comparisonLevelIndex(model.comparisons[c]!, a, b), a, termFrequencies);
  }
  return matchWeight;
}

/** Pairs of records whose two valid strong identifiers disagree: a cannot-link for clustering. */
export function strongIdentifiersDisagree(a: PreparedRecord, b: PreparedRecord): boolean {
  return (a.nhsNumber !== undefined && b.nhsNumber !== undefined && a.nhsNumber !== b.nhsNumber) || (a.pncId !== undefined && b.pncId !== undefined && a.pncId !== b.pncId);
}
