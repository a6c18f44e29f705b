/** Why a person record sits in its subject: the rule that linked it to another record of that subject. */
export enum LinkRule {
  /** The subject's first record: nothing earlier matched it. */
  FIRST_RECORD = "FIRST_RECORD",
  NHS_NUMBER = "NHS_NUMBER",
  PNC_ID = "PNC_ID",
  NAME_AND_DATE_OF_BIRTH = "NAME_AND_DATE_OF_BIRTH",
}

/** A rule that links two records, as opposed to founding a subject. */
export type MatchRule = Exclude<LinkRule, LinkRule.FIRST_RECORD>;

/** Strongest first: the order in which rules are tried, and which link is kept as evidence. */
export const MATCH_RULES: readonly MatchRule[] = [LinkRule.NHS_NUMBER, LinkRule.PNC_ID, LinkRule.NAME_AND_DATE_OF_BIRTH];
