import type { PreparedRecord } from "./linkableRecord";

/**
 * Blocking, as Splink's `blocking_rule_library`: `blockOn(...)` declares that records agreeing
 * exactly on all the named keys are candidates to compare. A pair no rule brings together is never
 * scored, so the rules together must catch every kind of error the comparisons forgive — each rule
 * tolerates errors in the fields it does not use.
 */
export type BlockingKeyPart =
  | "firstName"
  | "surname"
  | "dateOfBirth"
  | "birthYear"
  /** The two name parts in alphabetical order: catches first name and surname swapped. */
  | "sortedNames"
  | "surnameSound"
  | "firstNameSound"
  | "postcode"
  | "city"
  | "email"
  | "nhsNumber"
  | "pncId";

export interface BlockingRule {
  name: string;
  on: BlockingKeyPart[];
}

export function blockOn(...on: BlockingKeyPart[]): BlockingRule {
  return { name: on.join("+"), on };
}

/**
 * The default rules. The exact date of birth finds typos in both names; the name pair (in either
 * order) finds wrong dates; surname or first name with the year of birth finds a typo in one name
 * with a wrong day or month — and nicknames with transposed dates (Danny/Daniel Rourke); sounds-alike
 * names with the year find double typos; email and the strong identifiers find changes of name.
 * Date of birth alone is cheap up to some hundred thousand records (about n²/60,000 pairs); beyond,
 * it should be narrowed (e.g. by postcode area) — the bulk re-link's concern.
 */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  blockOn("sortedNames"),
  blockOn("dateOfBirth"),
  blockOn("surname", "birthYear"),
  blockOn("firstName", "birthYear"),
  blockOn("surnameSound", "firstNameSound", "birthYear"),
  blockOn("email"),
  blockOn("nhsNumber"),
  blockOn("pncId"),
];

/** A record's key under a rule; undefined when any part is missing (a missing value blocks nothing). */
export function blockingKey(rule: BlockingRule, record: PreparedRecord): string | undefined {
  const parts: string[] = [];
  for (const part of rule.on) {
    const value = keyPart(part, record);
    if (value === undefined || value === "") return undefined;
    parts.push(value);
  }
  return parts.join("|");
}

function keyPart(part: BlockingKeyPart, record: PreparedRecord): string | undefined {
  switch (part) {
    case "birthYear":
      return record.dateOfBirth?.slice(0, 4);
    case "sortedNames":
      return record.firstName && record.surname ? [record.firstName, record.surname].sort().join(" ") : undefined;
    case "surnameSound":
      return record.surnameCodes?.[0];
    case "firstNameSound":
      return record.firstNameCodes?.[0];
    default:
      return record[part];
  }
}

/**
 * Every pair of records sharing a key under at least one rule, each pair once, as
 * `[lower index, higher index]` in a flat array (two numbers per pair), sorted for determinism.
 */
export function generateCandidatePairs(records: readonly PreparedRecord[], rules: readonly BlockingRule[]): Uint32Array {
  const seen = new Set<number>();
  const count = records.length;
  for (const rule of rules) {
    const blocks = new Map<string, number[]>();
    for (const record of records) {
      const key = blockingKey(rule, record);
      if (key === undefined) continue;
      const block = blocks.get(key);
      if (block) block.push(record.index);
      else blocks.set(key, [record.index]);
    }
    for (const block of blocks.values()) {
      for (let i = 0; i < block.length; i += 1) {
        for (let j = i + 1; j < block.length; j += 1) {
          const a = block[i]!;
          const b = block[j]!;
          seen.add(a < b ? a * count + b : b * count + a);
        }
      }
    }
  }
  const codes = Float64Array.from(seen).sort();
  const pairs = new Uint32Array(codes.length * 2);
  codes.forEach((code, index) => {
    pairs[index * 2] = Math.floor(code / count);
    pairs[index * 2 + 1] = code % count;
  });
  return pairs;
}
