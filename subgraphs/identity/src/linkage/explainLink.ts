import { LinkRule } from "./LinkRule";
import type { RecordKey } from "./LinkageRecord";

/** The evidence in the words a practitioner would use, e.g. "Same NHS number as health/NVH-P-1". */
export function explainLink(rule: LinkRule, matched: RecordKey | undefined): string {
  const other = matched ? `${matched.agency}/${matched.localId}` : "another record";
  switch (rule) {
    case LinkRule.FIRST_RECORD:
      return "First record of this subject: no earlier record matched it";
    case LinkRule.NHS_NUMBER:
      return `Same NHS number as ${other}`;
    case LinkRule.PNC_ID:
      return `Same PNC ID as ${other}`;
    case LinkRule.NAME_AND_DATE_OF_BIRTH:
      return `Same full name and date of birth as ${other}`;
  }
}
