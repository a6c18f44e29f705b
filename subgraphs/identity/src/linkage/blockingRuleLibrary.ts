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
  | "phone"
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
 * The default rules. Each tolerates errors in the fields it leaves out:
 * - the name pair in either order: wrong or missing dates;
 * - the exact date of birth: typos in both names, missing names, nicknames, changes of surname. The
 *   widest rule — about n²/60,000 pairs, 27 million at a million records — and kept because nothing
 *   narrower replaces it: narrowed by a name's sound, initial or the city it lost 2 points of
 *   blocking recall on Splink-style synthetic data (0.943 → 0.925 at 100,000 records), most of
 *   them records with a name missing; the million-record benchmark still fits its budget with it;
 * - surname with the year, first name with the year and city: a typo or nickname in one name with a
 *   wrong day or month (Danny/Daniel Rourke); first name with the year is narrowed by city because
 *   first names are far less varied than surnames (unnarrowed: 43 million pairs at a million);
 * - one name exactly and the other's sound: a typo in one name and a badly wrong date;
 * - sounds-alike names with the year: double typos;
 * - first name with the postcode: a wrong date and a typo in the surname, for people who have not
 *   moved. Not surname with the postcode: that pairs every household, and on the demo population
 *   those pairs cost precision (0.99 → 0.94) for 21 true pairs in 1,768;
 * - email, telephone and the strong identifiers: changes of name.
 * Chosen by `npm run bench:blocking` on generated data (bench/syntheticPeople.ts, both noise
 * profiles, and the demo population), weighing true pairs found against candidate pairs made.
 */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  blockOn("sortedNames"),
  blockOn("dateOfBirth"),
  blockOn("surname", "birthYear"),
  blockOn("firstName", "birthYear", "city"),
  blockOn("surname", "firstNameSound"),
  blockOn("firstName", "surnameSound"),
  blockOn("surnameSound", "firstNameSound", "birthYear"),
  blockOn("firstName", "postcode"),
  blockOn("email"),
  blockOn("phone"),
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
 * `[lower index, higher index]` in a flat array (two numbers per pair; indexes are positions in
 * `records`), sorted for determinism.
 *
 * Built for millions of pairs: each rule's keys are interned to integers, a pair is emitted only by
 * the FIRST rule that brings it together (as Splink does, so no set of seen pairs is needed — a
 * JavaScript Set stops at 2^24 entries), and pairs are collected as `lower × n + higher` codes in a
 * growable Float64Array (exact below 2^53, so up to ~94 million records) and sorted once.
 */
export function generateCandidatePairs(records: readonly PreparedRecord[], rules: readonly BlockingRule[]): Uint32Array {
  const count = records.length;
  const keyIds = rules.map((rule) => internKeys(rule, records));
  let codes = new Float64Array(1 << 16);
  let length = 0;
  keyIds.forEach((ids, r) => {
    forEachBlock(ids, (members, size) => {
      for (let i = 0; i < size; i += 1) {
        const a = members[i]!;
        for (let j = i + 1; j < size; j += 1) {
          const b = members[j]!;
          if (caughtByEarlierRule(keyIds, r, a, b)) continue;
          if (length === codes.length) {
            const grown = new Float64Array(codes.length * 2);
            grown.set(codes);
            codes = grown;
          }
          codes[length] = a * count + b;
          length += 1;
        }
      }
    });
  });
  const sorted = codes.subarray(0, length).sort();
  const pairs = new Uint32Array(length * 2);
  for (let p = 0; p < length; p += 1) {
    const code = sorted[p]!;
    const a = Math.floor(code / count);
    pairs[p * 2] = a;
    pairs[p * 2 + 1] = code - a * count;
  }
  return pairs;
}

/** Each record's key under a rule as a small integer; -1 when the record has no key. */
function internKeys(rule: BlockingRule, records: readonly PreparedRecord[]): Int32Array {
  const ids = new Int32Array(records.length);
  const interned = new Map<string, number>();
  records.forEach((record, position) => {
    const key = blockingKey(rule, record);
    if (key === undefined) {
      ids[position] = -1;
      return;
    }
    let id = interned.get(key);
    if (id === undefined) {
      id = interned.size;
      interned.set(key, id);
    }
    ids[position] = id;
  });
  return ids;
}

/** Calls `visit` with the members of every block of two or more records, in ascending record order. */
function forEachBlock(ids: Int32Array, visit: (members: Int32Array, size: number) => void): void {
  let blocks = 0;
  for (const id of ids) if (id >= blocks) blocks = id + 1;
  const starts = new Int32Array(blocks + 1);
  for (const id of ids) if (id >= 0) starts[id + 1]! += 1;
  for (let block = 0; block < blocks; block += 1) starts[block + 1]! += starts[block]!;
  const members = new Int32Array(starts[blocks]!);
  const filled = starts.slice(0, blocks);
  ids.forEach((id, position) => {
    if (id >= 0) members[filled[id]!++] = position;
  });
  for (let block = 0; block < blocks; block += 1) {
    const size = starts[block + 1]! - starts[block]!;
    if (size > 1) visit(members.subarray(starts[block]!, starts[block + 1]!), size);
  }
}

function caughtByEarlierRule(keyIds: readonly Int32Array[], rule: number, a: number, b: number): boolean {
  for (let earlier = 0; earlier < rule; earlier += 1) {
    const ids = keyIds[earlier]!;
    if (ids[a] !== -1 && ids[a] === ids[b]) return true;
  }
  return false;
}
