import { DEFAULT_BLOCKING_RULES, type BlockingKeyPart, type BlockingRule } from "./blockingRuleLibrary";
import type { ComparisonLevelSpec } from "./comparisonLevelLibrary";
import {
  cityComparison,
  dateOfBirthComparison,
  emailComparison,
  firstNameComparison,
  phoneComparison,
  postcodeComparison,
  strongIdentifierComparison,
  surnameComparison,
  type Comparison,
} from "./comparisonLibrary";
import type { LinkageColumn } from "./linkableRecord";
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
      phoneComparison(),
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

const BLOCKING_KEY_PARTS: ReadonlySet<string> = new Set<BlockingKeyPart>(["firstName", "surname", "dateOfBirth", "birthYear", "sortedNames", "surnameSound", "firstNameSound", "postcode", "city", "email", "phone", "nhsNumber", "pncId"]);
const LINKAGE_COLUMNS: ReadonlySet<string> = new Set<LinkageColumn>(["firstName", "surname", "dateOfBirth", "postcode", "city", "email", "phone", "nhsNumber", "pncId"]);
/** Each level kind with the numeric fields its spec must carry. */
const LEVEL_KINDS: Record<ComparisonLevelSpec["kind"], readonly string[]> = {
  null: [],
  exactMatch: [],
  namesSwapped: [],
  nickname: [],
  jaroWinklerAtLeast: ["threshold"],
  doubleMetaphone: [],
  damerauLevenshteinAtMost: ["distance"],
  emailUsernameMatch: [],
  dateDayMonthTransposed: [],
  dateOneDigitDifferent: [],
  dateWithinDays: ["days"],
  postcodePart: [],
  else: [],
};
const POSTCODE_PARTS: ReadonlySet<string> = new Set(["full", "sector", "district", "area"]);

/**
 * The inverse of `modelToJson`, for a model read back from storage. Checks the shape closely enough
 * to refuse garbage — a wrong format version, an unknown level kind or column, an m or u that is not
 * a probability, thresholds out of order — rather than score with it. Throws with the path at fault.
 */
export function modelFromJson(json: string): LinkageModel {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`linkage model: not JSON (${(error as Error).message})`);
  }
  return parseLinkageModel(value);
}

/** Validates a parsed value as a `LinkageModel` (see `modelFromJson`). */
export function parseLinkageModel(value: unknown): LinkageModel {
  const fail = (at: string, problem: string): never => {
    throw new Error(`linkage model: ${at} ${problem}`);
  };
  const isObject = (candidate: unknown): candidate is Record<string, unknown> => typeof candidate === "object" && candidate !== null && !Array.isArray(candidate);
  const object = (candidate: unknown, at: string): Record<string, unknown> => (isObject(candidate) ? candidate : fail(at, "must be an object"));
  const array = (candidate: unknown, at: string, nonEmpty = false): unknown[] => {
    if (!Array.isArray(candidate)) return fail(at, "must be an array");
    if (nonEmpty && candidate.length === 0) fail(at, "must not be empty");
    return candidate;
  };
  const text = (candidate: unknown, at: string): string => (typeof candidate === "string" ? candidate : fail(at, "must be a string"));
  const finite = (candidate: unknown, at: string): number => (typeof candidate === "number" && Number.isFinite(candidate) ? candidate : fail(at, "must be a finite number"));
  const probability = (candidate: unknown, at: string, open = false): number => {
    const number = finite(candidate, at);
    if (open ? !(number > 0 && number < 1) : !(number >= 0 && number <= 1)) fail(at, `must be a probability ${open ? "strictly between 0 and 1" : "in [0, 1]"}, got ${number}`);
    return number;
  };
  const optional = <T>(candidate: unknown, check: (present: unknown) => T): T | undefined => (candidate === undefined ? undefined : check(candidate));

  const model = object(value, "(root)");
  if (model.formatVersion !== 1) fail("formatVersion", `must be 1, got ${JSON.stringify(model.formatVersion)}`);
  array(model.blockingRules, "blockingRules", true).forEach((candidate, r) => {
    const rule = object(candidate, `blockingRules[${r}]`);
    text(rule.name, `blockingRules[${r}].name`);
    array(rule.on, `blockingRules[${r}].on`, true).forEach((part, p) => {
      if (typeof part !== "string" || !BLOCKING_KEY_PARTS.has(part)) fail(`blockingRules[${r}].on[${p}]`, `is not a blocking key: ${JSON.stringify(part)}`);
    });
  });
  array(model.comparisons, "comparisons", true).forEach((candidate, c) => {
    const at = `comparisons[${c}]`;
    const comparison = object(candidate, at);
    text(comparison.name, `${at}.name`);
    text(comparison.description, `${at}.description`);
    if (comparison.estimation !== "estimated" && comparison.estimation !== "fixed") fail(`${at}.estimation`, "must be \"estimated\" or \"fixed\"");
    optional(comparison.termFrequencyColumn, (column) => (typeof column === "string" && LINKAGE_COLUMNS.has(column) ? column : fail(`${at}.termFrequencyColumn`, `is not a column: ${JSON.stringify(column)}`)));
    array(comparison.levels, `${at}.levels`, true).forEach((levelCandidate, l) => {
      const levelAt = `${at}.levels[${l}]`;
      const level = object(levelCandidate, levelAt);
      text(level.label, `${levelAt}.label`);
      probability(level.m, `${levelAt}.m`);
      probability(level.u, `${levelAt}.u`);
      optional(level.isNull, (flag) => (typeof flag === "boolean" ? flag : fail(`${levelAt}.isNull`, "must be a boolean")));
      optional(level.neutral, (flag) => (typeof flag === "boolean" ? flag : fail(`${levelAt}.neutral`, "must be a boolean")));
      optional(level.minimumBayesFactor, (factor) => (finite(factor, `${levelAt}.minimumBayesFactor`) > 0 ? factor : fail(`${levelAt}.minimumBayesFactor`, "must be positive")));
      const spec = object(level.spec, `${levelAt}.spec`);
      const kind = spec.kind;
      if (typeof kind !== "string" || !Object.prototype.hasOwnProperty.call(LEVEL_KINDS, kind)) return fail(`${levelAt}.spec.kind`, `is not a level kind: ${JSON.stringify(kind)}`);
      for (const field of LEVEL_KINDS[kind as ComparisonLevelSpec["kind"]]) finite(spec[field], `${levelAt}.spec.${field}`);
      optional(spec.column, (column) => (typeof column === "string" && LINKAGE_COLUMNS.has(column) ? column : fail(`${levelAt}.spec.column`, `is not a column: ${JSON.stringify(column)}`)));
      if (kind === "null") {
        array(spec.columns, `${levelAt}.spec.columns`, true).forEach((column, i) => {
          if (typeof column !== "string" || !LINKAGE_COLUMNS.has(column)) fail(`${levelAt}.spec.columns[${i}]`, `is not a column: ${JSON.stringify(column)}`);
        });
      }
      if (kind === "postcodePart" && (typeof spec.part !== "string" || !POSTCODE_PARTS.has(spec.part))) fail(`${levelAt}.spec.part`, `is not a postcode part: ${JSON.stringify(spec.part)}`);
    });
  });
  probability(model.probabilityTwoRandomRecordsMatch, "probabilityTwoRandomRecordsMatch", true);
  const matchThreshold = probability(model.matchThreshold, "matchThreshold", true);
  const reviewThreshold = probability(model.reviewThreshold, "reviewThreshold", true);
  if (reviewThreshold > matchThreshold) fail("reviewThreshold", "must not exceed matchThreshold");
  const rationale = object(model.rationale, "rationale");
  text(rationale.matchThreshold, "rationale.matchThreshold");
  text(rationale.reviewThreshold, "rationale.reviewThreshold");
  const training = object(model.training, "training");
  for (const field of ["uEstimatedFrom", "emIterations", "candidatePairs", "records"]) optional(training[field], (count) => finite(count, `training.${field}`));
  optional(training.emConverged, (flag) => (typeof flag === "boolean" ? flag : fail("training.emConverged", "must be a boolean")));
  return value as LinkageModel;
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
