import { DEFAULT_BLOCKING_RULES, type BlockingRule } from "./blockingRuleLibrary";
import {
  cityComparison,
  dateOfBirthComparison,
  emailComparison,
  firstNameComparison,
  postcodeComparison,
  strongIdentifierComparison,
  surnameComparison,
  type Comparison,
} from "./comparisonLibrary";
import type { LinkageConfig } from "./linkageConfig";

/**
 * The Fellegi–Sunter model as DATA: blocking rules, comparisons with their ordered levels and m and u
 * per level, the prior (the probability that two records drawn at random are one person), and the
 * match and review thresholds. It prints and serialises to JSON as it is, so it can be stored,
 * versioned and shown next to a link's evidence.
 */
export interface LinkageModel {
  /** Bumped when the layout of the model changes. */
  formatVersion: 1;
  blockingRules: BlockingRule[];
  comparisons: Comparison[];
  probabilityTwoRandomRecordsMatch: number;
  matchThreshold: number;
  reviewThreshold: number;
  rationale: { matchThreshold: string; reviewThreshold: string };
  /** How the parameters were obtained: declared starting values, or estimated (and on what). */
  training: { uEstimatedFrom?: number; emIterations?: number; emConverged?: boolean; candidatePairs?: number; records?: number };
}

/** The model before estimation: the library comparisons with their starting m and u. */
export function defaultLinkageModel(config: LinkageConfig): LinkageModel {
  return {
    formatVersion: 1,
    blockingRules: DEFAULT_BLOCKING_RULES.map((rule) => ({ ...rule, on: [...rule.on] })),
    comparisons: [
      firstNameComparison(),
      surnameComparison(),
      dateOfBirthComparison(),
      postcodeComparison(config.postcodeMismatchMinimumBayesFactor.value),
      strongIdentifierComparison("nhs_number"),
      strongIdentifierComparison("pnc_id"),
      emailComparison(),
      cityComparison(),
    ],
    probabilityTwoRandomRecordsMatch: 0.0001,
    matchThreshold: config.matchThreshold.probability,
    reviewThreshold: config.reviewThreshold.probability,
    rationale: { matchThreshold: config.matchThreshold.rationale, reviewThreshold: config.reviewThreshold.rationale },
    training: {},
  };
}

export function cloneModel(model: LinkageModel): LinkageModel {
  return JSON.parse(JSON.stringify(model)) as LinkageModel;
}

export function modelToJson(model: LinkageModel): string {
  return JSON.stringify(model, null, 2);
}

/** A plain-text table of the model: each comparison's levels with m, u and the Bayes factor in bits. */
export function describeModel(model: LinkageModel): string {
  const lines = [
    `prior P(match) = ${model.probabilityTwoRandomRecordsMatch.toExponential(3)}; match ≥ ${model.matchThreshold}; review ≥ ${model.reviewThreshold}`,
    `blocking: ${model.blockingRules.map((rule) => rule.name).join(", ")}`,
  ];
  for (const comparison of model.comparisons) {
    lines.push(`${comparison.name} (${comparison.estimation})`);
    for (const level of comparison.levels) {
      if (level.isNull) continue;
      const bits = level.neutral ? 0 : Math.log2(level.m / level.u);
      lines.push(`  ${level.label.padEnd(46)} m=${level.m.toPrecision(3).padEnd(10)} u=${level.u.toPrecision(3).padEnd(10)} ${bits >= 0 ? "+" : ""}${bits.toFixed(2)} bits`);
    }
  }
  return lines.join("\n");
}
