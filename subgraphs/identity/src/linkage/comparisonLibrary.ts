import { levelApplies, levelLabel, type ComparisonLevelSpec } from "./comparisonLevelLibrary";
import type { LinkageColumn, PreparedRecord } from "./linkableRecord";

/**
 * One level of a comparison with its parameters: m = P(level | same person), u = P(level | different
 * people). The values declared here are STARTING values, in the spirit of Splink's defaults; u is
 * re-estimated from random pairs and m by expectation maximisation unless the comparison is `fixed`.
 */
export interface ComparisonLevel {
  spec: ComparisonLevelSpec;
  label: string;
  m: number;
  u: number;
  /** The null level: a missing value is no evidence (Bayes factor 1, never estimated). */
  isNull?: boolean;
  /** Evidence already counted by another comparison (swapped names): Bayes factor 1. */
  neutral?: boolean;
  /** A floor on m/u: a disagreement that must stay WEAK evidence (a person who moved keeps their identity). */
  minimumBayesFactor?: number;
}

/** A comparison, as Splink's `comparison_library`: a null level, ordered levels, an else level. */
export interface Comparison {
  name: string;
  description: string;
  /** Columns whose term frequencies the comparison's `exactMatch` level uses. */
  termFrequencyColumn?: LinkageColumn;
  /**
   * `fixed`: m and u are declared, not estimated (strong identifiers: their errors are governed by a
   * check digit, not by anything a sample of pairs could show).
   */
  estimation: "estimated" | "fixed";
  levels: ComparisonLevel[];
}

function level(spec: ComparisonLevelSpec, m: number, u: number, extra: Partial<ComparisonLevel> = {}): ComparisonLevel {
  return { spec, label: levelLabel(spec), m, u, ...extra };
}

function nullLevel(...columns: LinkageColumn[]): ComparisonLevel {
  return { spec: { kind: "null", columns }, label: "missing", m: 1, u: 1, isNull: true };
}

/**
 * First name: exact (term-frequency adjusted: "Daniel" is more telling than "John"), names swapped
 * with the surname, a nickname or short form (see `nicknames.ts`), Jaro–Winkler ≥ 0.92, sounds alike,
 * Jaro–Winkler ≥ 0.88, else. Jaro–Winkler thresholds are Splink's `NameComparison` defaults.
 */
export function firstNameComparison(): Comparison {
  return {
    name: "first_name",
    description: "First name: exact (TF), swapped with surname, nickname, Jaro–Winkler, Double Metaphone",
    termFrequencyColumn: "firstName",
    estimation: "estimated",
    levels: [
      nullLevel("firstName"),
      level({ kind: "exactMatch", column: "firstName", termFrequencyAdjusted: true }, 0.8, 0.01),
      level({ kind: "namesSwapped" }, 0.02, 0.0001),
      level({ kind: "nickname", column: "firstName" }, 0.03, 0.001),
      level({ kind: "jaroWinklerAtLeast", column: "firstName", threshold: 0.92 }, 0.05, 0.005),
      level({ kind: "doubleMetaphone", column: "firstName" }, 0.02, 0.01),
      level({ kind: "jaroWinklerAtLeast", column: "firstName", threshold: 0.88 }, 0.02, 0.02),
      level({ kind: "else" }, 0.06, 0.95),
    ],
  };
}

/**
 * Surname: exact (term-frequency adjusted, so a match on a rare surname weighs more than on
 * "Smith"), Jaro–Winkler ≥ 0.92, sounds alike, Jaro–Winkler ≥ 0.88, else. Swapped names are counted
 * once, in the first-name comparison; here they are neutral.
 */
export function surnameComparison(): Comparison {
  return {
    name: "surname",
    description: "Surname: exact (TF), Jaro–Winkler, Double Metaphone; swapped names counted under first_name",
    termFrequencyColumn: "surname",
    estimation: "estimated",
    levels: [
      nullLevel("surname"),
      level({ kind: "exactMatch", column: "surname", termFrequencyAdjusted: true }, 0.8, 0.01),
      level({ kind: "namesSwapped" }, 1, 1, { neutral: true, label: "swapped with first name (counted under first_name)" }),
      level({ kind: "jaroWinklerAtLeast", column: "surname", threshold: 0.92 }, 0.06, 0.005),
      level({ kind: "doubleMetaphone", column: "surname" }, 0.03, 0.01),
      level({ kind: "jaroWinklerAtLeast", column: "surname", threshold: 0.88 }, 0.03, 0.02),
      level({ kind: "else" }, 0.08, 0.95),
    ],
  };
}

/**
 * Date of birth: exact, day and month transposed (the American order, or a slip), one digit
 * different (a typing error), within a month, within a year, else.
 */
export function dateOfBirthComparison(): Comparison {
  return {
    name: "dob",
    description: "Date of birth: exact, day/month transposed, one digit different, within a month, within a year",
    estimation: "estimated",
    levels: [
      nullLevel("dateOfBirth"),
      level({ kind: "exactMatch", column: "dateOfBirth" }, 0.8, 0.0001),
      level({ kind: "dateDayMonthTransposed" }, 0.02, 0.00001),
      level({ kind: "dateOneDigitDifferent" }, 0.06, 0.001),
      level({ kind: "dateWithinDays", days: 31 }, 0.03, 0.001),
      level({ kind: "dateWithinDays", days: 366 }, 0.04, 0.01),
      level({ kind: "else" }, 0.05, 0.98),
    ],
  };
}

/**
 * Postcode: full, sector, district, area, else. People move — that is the scenario — so a different
 * postcode is only WEAK evidence against: the else level's Bayes factor is floored at 1/4 (−2 bits)
 * whatever the estimate, because a sample where few people moved would otherwise teach the model
 * that a move means a different person.
 */
export function postcodeComparison(minimumBayesFactor = 0.25): Comparison {
  return {
    name: "postcode",
    description: "Postcode: full, sector, district, area; a mismatch is weak evidence against (people move)",
    estimation: "estimated",
    levels: [
      nullLevel("postcode"),
      level({ kind: "postcodePart", part: "full" }, 0.6, 0.0005),
      level({ kind: "postcodePart", part: "sector" }, 0.05, 0.002),
      level({ kind: "postcodePart", part: "district" }, 0.05, 0.01),
      level({ kind: "postcodePart", part: "area" }, 0.05, 0.05),
      level({ kind: "else" }, 0.25, 0.94, { minimumBayesFactor }),
    ],
  };
}

/**
 * A strong identifier (NHS number, PNC ID): issued once per person and protected by a check
 * character, so two VALID values that agree are near-conclusive (about +23 bits) and two valid values
 * that differ are near-conclusive against (about −13 bits; a slip that still passes the check is
 * rare). Invalid values never reach here: `prepareRecord` drops them, so they fall in the null level.
 */
export function strongIdentifierComparison(name: "nhs_number" | "pnc_id"): Comparison {
  const column: LinkageColumn = name === "nhs_number" ? "nhsNumber" : "pncId";
  return {
    name,
    description: `${name === "nhs_number" ? "NHS number" : "PNC ID"}: two valid values agree (near-conclusive) or differ (near-conclusive against)`,
    estimation: "fixed",
    levels: [
      nullLevel(column),
      level({ kind: "exactMatch", column }, 0.9999, 1e-7),
      level({ kind: "else" }, 0.0001, 0.9999999),
    ],
  };
}

/** Email, as Splink's `EmailComparison`: exact, same username, Jaro–Winkler ≥ 0.88, else. */
export function emailComparison(): Comparison {
  return {
    name: "email",
    description: "Email: exact, same username, Jaro–Winkler ≥ 0.88",
    estimation: "estimated",
    levels: [
      nullLevel("email"),
      level({ kind: "exactMatch", column: "email" }, 0.7, 0.0001),
      level({ kind: "emailUsernameMatch" }, 0.05, 0.0005),
      level({ kind: "jaroWinklerAtLeast", column: "email", threshold: 0.88 }, 0.1, 0.001),
      level({ kind: "else" }, 0.15, 0.998),
    ],
  };
}

/**
 * UK telephone number, compared as national digits: exact, else. A household shares a landline and
 * people change numbers, so agreement is good evidence and disagreement only weak evidence against.
 */
export function phoneComparison(): Comparison {
  return {
    name: "phone",
    description: "Telephone: exact, else",
    estimation: "estimated",
    levels: [nullLevel("phone"), level({ kind: "exactMatch", column: "phone" }, 0.6, 0.0002), level({ kind: "else" }, 0.4, 0.9998)],
  };
}

/** City, as in the Splink demo: exact (term-frequency adjusted: "London" says little), else. */
export function cityComparison(): Comparison {
  return {
    name: "city",
    description: "City: exact (TF), else",
    termFrequencyColumn: "city",
    estimation: "estimated",
    levels: [nullLevel("city"), level({ kind: "exactMatch", column: "city", termFrequencyAdjusted: true }, 0.8, 0.1), level({ kind: "else" }, 0.2, 0.9)],
  };
}

/** The level of a comparison a pair falls in: the first that applies (the else level always does). */
export function comparisonLevelIndex(comparison: Comparison, a: PreparedRecord, b: PreparedRecord): number {
  const levels = comparison.levels;
  for (let index = 0; index < levels.length; index += 1) {
    if (levelApplies(levels[index]!.spec, a, b)) return index;
  }
  return levels.length - 1;
}
