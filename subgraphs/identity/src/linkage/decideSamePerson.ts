import { LinkRule, type MatchRule } from "./LinkRule";
import type { LinkageRecord, RecordKey } from "./LinkageRecord";

/** That two records are the same person, by which rule, and the record matched: the link's evidence. */
export interface SamePersonDecision {
  rule: MatchRule;
  matched: RecordKey;
}

/**
 * The identifiers issued once per person, in their comparable forms (see `LinkageRecord`). A record
 * carries at most one of each; so does a subject (see `planLinkage`), so both can be compared here.
 */
export type StrongIdentifiers = Pick<LinkageRecord, "nhsNumber" | "pncId">;

/**
 * Decides whether two person records are the same person — the one place identity answers that
 * question, so probabilistic linkage (Fellegi–Sunter) can replace it without touching registration.
 *
 * First the veto: records whose strong identifiers disagree (`strongIdentifiersDisagree`: both carry
 * an NHS number and they differ, or both carry a PNC ID and they differ) are two people, whatever
 * else they share — namesakes born the same day, or one wrongly recorded identifier. Otherwise the
 * rules are deterministic and tried strongest first; the first that holds is the decision:
 * 1. `NHS_NUMBER` — both records carry an NHS number and they are equal. The NHS number is issued
 *    once per person and passed the modulus-11 check on the way in, so it links even when the
 *    names differ (a change of name on marriage, a nickname).
 * 2. `PNC_ID` — both carry a PNC ID and they are equal (compared in the `YY/NNNNNNNC` form).
 * 3. `NAME_AND_DATE_OF_BIRTH` — the normalised full names ("given family", case, accents and
 *    punctuation folded) are equal and both carry the same date of birth.
 *
 * Otherwise there is no decision: the records are not linked. A missing field never links and
 * never contradicts. Misspellings, swapped names and transposed dates are not linked yet; that is
 * the probabilistic model's job.
 */
export function decideSamePerson(record: LinkageRecord, candidate: LinkageRecord): SamePersonDecision | undefined {
  if (strongIdentifiersDisagree(record, candidate)) return undefined;
  const matched = { agency: candidate.agency, localId: candidate.localId };
  if (sameIdentifier(record.nhsNumber, candidate.nhsNumber)) return { rule: LinkRule.NHS_NUMBER, matched };
  if (sameIdentifier(record.pncId, candidate.pncId)) return { rule: LinkRule.PNC_ID, matched };
  if (record.nameKey === candidate.nameKey && sameIdentifier(record.dateOfBirth, candidate.dateOfBirth)) {
    return { rule: LinkRule.NAME_AND_DATE_OF_BIRTH, matched };
  }
  return undefined;
}

/**
 * Two different NHS numbers, or two different PNC IDs: two people. The cannot-link constraint of
 * linkage — for a pair of records here, and for whole subjects in `planLinkage`, which never lets
 * a chain of links put two such records in one subject.
 */
export function strongIdentifiersDisagree(a: StrongIdentifiers, b: StrongIdentifiers): boolean {
  return differentIdentifiers(a.nhsNumber, b.nhsNumber) || differentIdentifiers(a.pncId, b.pncId);
}

function sameIdentifier(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && a === b;
}

function differentIdentifiers(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b;
}
