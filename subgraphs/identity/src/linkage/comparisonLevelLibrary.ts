import type { LinkageColumn, PreparedRecord } from "./linkableRecord";
import { areNicknames } from "./nicknames";
import { damerauLevenshtein, jaroWinkler, jaroWinklerUpperBound } from "./stringSimilarity";

/**
 * The comparison levels, as Splink's `comparison_level_library`: each level is a small declared
 * object (data, so a model can be printed, stored and versioned) and `levelApplies` is the one place
 * that says what it means. A comparison tries its levels in order; the first that applies is the
 * pair's level for that comparison.
 */
export type ComparisonLevelSpec =
  /** Either value missing (or invalid): no evidence either way — its Bayes factor is 1. */
  | { kind: "null"; columns: LinkageColumn[] }
  | { kind: "exactMatch"; column: LinkageColumn; termFrequencyAdjusted?: boolean }
  /** First name and surname written the other way round. */
  | { kind: "namesSwapped" }
  | { kind: "nickname"; column: "firstName" }
  | { kind: "jaroWinklerAtLeast"; column: LinkageColumn; threshold: number }
  /** Double Metaphone: either code of one equals either code of the other ("Stephen"/"Steven"). */
  | { kind: "doubleMetaphone"; column: "firstName" | "surname" }
  | { kind: "damerauLevenshteinAtMost"; column: LinkageColumn; distance: number }
  | { kind: "emailUsernameMatch" }
  /** Day and month written the other way round: 1988-02-11 and 1988-11-02. */
  | { kind: "dateDayMonthTransposed" }
  /** Exactly one of the eight digits differs. */
  | { kind: "dateOneDigitDifferent" }
  | { kind: "dateWithinDays"; days: number }
  | { kind: "postcodePart"; part: "full" | "sector" | "district" | "area" }
  | { kind: "else" };

const POSTCODE_FIELD = { full: "postcode", sector: "postcodeSector", district: "postcodeDistrict", area: "postcodeArea" } as const;

/** Whether a level applies to a pair. Levels are tried in order, so each may assume earlier ones failed. */
export function levelApplies(level: ComparisonLevelSpec, a: PreparedRecord, b: PreparedRecord): boolean {
  switch (level.kind) {
    case "null":
      // A loop, not `some` with a closure: this runs for every level of every pair compared.
      for (const column of level.columns) if (a[column] === undefined || b[column] === undefined) return true;
      return false;
    case "exactMatch":
      return a[level.column] !== undefined && a[level.column] === b[level.column];
    case "namesSwapped":
      return a.firstName !== undefined && a.surname !== undefined && a.firstName === b.surname && a.surname === b.firstName;
    case "nickname":
      return areNicknames(a.firstName ?? "", b.firstName ?? "");
    case "jaroWinklerAtLeast":
      return jaroWinklerAtLeast(a, b, level.column, level.threshold);
    case "doubleMetaphone":
      return phoneticMatch(level.column === "firstName" ? a.firstNameCodes : a.surnameCodes, level.column === "firstName" ? b.firstNameCodes : b.surnameCodes);
    case "damerauLevenshteinAtMost":
      return damerauLevenshtein(a[level.column] ?? "", b[level.column] ?? "") <= level.distance;
    case "emailUsernameMatch":
      return a.emailUser !== undefined && a.emailUser.length > 0 && a.emailUser === b.emailUser;
    case "dateDayMonthTransposed":
      return isDayMonthTransposed(a.dateOfBirth, b.dateOfBirth);
    case "dateOneDigitDifferent":
      return digitsDifferent(a.dateOfBirth, b.dateOfBirth) === 1;
    case "dateWithinDays":
      return a.dateOfBirthDay !== undefined && b.dateOfBirthDay !== undefined && Math.abs(a.dateOfBirthDay - b.dateOfBirthDay) <= level.days;
    case "postcodePart": {
      const field = POSTCODE_FIELD[level.part];
      return a[field] !== undefined && a[field] === b[field];
    }
    case "else":
      return true;
  }
}

/** A short label for the waterfall, e.g. "Jaro–Winkler ≥ 0.92". */
export function levelLabel(level: ComparisonLevelSpec): string {
  switch (level.kind) {
    case "null":
      return "missing";
    case "exactMatch":
      return level.termFrequencyAdjusted ? "exact (term-frequency adjusted)" : "exact";
    case "namesSwapped":
      return "first name and surname swapped";
    case "nickname":
      return "nickname or short form";
    case "jaroWinklerAtLeast":
      return `Jaro–Winkler ≥ ${level.threshold}`;
    case "doubleMetaphone":
      return "sounds alike (Double Metaphone)";
    case "damerauLevenshteinAtMost":
      return `Damerau–Levenshtein ≤ ${level.distance}`;
    case "emailUsernameMatch":
      return "same username";
    case "dateDayMonthTransposed":
      return "day and month transposed";
    case "dateOneDigitDifferent":
      return "one digit different";
    case "dateWithinDays":
      return level.days >= 365 ? `within ${Math.round(level.days / 365)} year(s)` : `within ${level.days} days`;
    case "postcodePart":
      return `same postcode ${level.part}`;
    case "else":
      return "different";
  }
}

/**
 * A comparison's Jaro–Winkler levels are tried one after another on the same pair, and most pairs
 * (certainly the million random pairs of u estimation) are far apart. So the first level computes a
 * cheap upper bound, and the exact similarity only when the bound reaches a threshold; the result is
 * kept for the next level, and similarities of name values (which repeat) are cached, bounded.
 */
let lastJaroWinkler = { a: "", b: "", value: 1, exact: true };
const NAME_SIMILARITY_CACHE_LIMIT = 500_000;
const nameSimilarities = new Map<string, number>();
function jaroWinklerAtLeast(a: PreparedRecord, b: PreparedRecord, column: LinkageColumn, threshold: number): boolean {
  const valueA = a[column] ?? "";
  const valueB = b[column] ?? "";
  if (lastJaroWinkler.a !== valueA || lastJaroWinkler.b !== valueB) lastJaroWinkler = { a: valueA, b: valueB, value: jaroWinklerUpperBound(valueA, valueB), exact: false };
  if (!lastJaroWinkler.exact) {
    if (lastJaroWinkler.value < threshold) return false;
    lastJaroWinkler.value = column === "firstName" || column === "surname" ? cachedNameSimilarity(valueA, valueB) : jaroWinkler(valueA, valueB);
    lastJaroWinkler.exact = true;
  }
  return lastJaroWinkler.value >= threshold;
}

function cachedNameSimilarity(valueA: string, valueB: string): number {
  const key = valueA < valueB ? `${valueA}\u0000${valueB}` : `${valueB}\u0000${valueA}`;
  let value = nameSimilarities.get(key);
  if (value === undefined) {
    value = jaroWinkler(valueA, valueB);
    if (nameSimilarities.size >= NAME_SIMILARITY_CACHE_LIMIT) nameSimilarities.clear();
    nameSimilarities.set(key, value);
  }
  return value;
}

function phoneticMatch(a: [string, string] | undefined, b: [string, string] | undefined): boolean {
  if (!a || !b) return false;
  const [primaryA, secondaryA] = a;
  const [primaryB, secondaryB] = b;
  if (!primaryA || !primaryB) return false;
  return primaryA === primaryB || primaryA === secondaryB || secondaryA === primaryB || (secondaryA !== "" && secondaryA === secondaryB);
}

function isDayMonthTransposed(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a === b) return false;
  return a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
}

function digitsDifferent(a: string | undefined, b: string | undefined): number {
  if (!a || !b || a.length !== b.length) return Number.POSITIVE_INFINITY;
  let different = 0;
  for (let i = 0; i < a.length; i += 1) if (a.charCodeAt(i) !== b.charCodeAt(i)) different += 1;
  return different;
}
