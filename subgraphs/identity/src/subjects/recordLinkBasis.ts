import { LinkRule } from "../linkage/LinkRule";
import type { strongIdentifierComparison } from "../linkage/comparisonLibrary";
import type { StoredStep } from "../resolution/planResolution";

/** What a record's link to its subject rests on, in the terms risk weighs link doubt by. */
export enum RecordLinkBasis {
  SOLE_RECORD = "SOLE_RECORD",
  /** The model's link, with an NHS number or PNC ID that agrees. */
  STRONG_IDENTIFIER = "STRONG_IDENTIFIER",
  REVIEWER = "REVIEWER",
  /** The model's link without an agreeing strong identifier: names, date of birth and the weaker details. */
  NAME_AND_DATE_OF_BIRTH = "NAME_AND_DATE_OF_BIRTH",
}

const STRONG_IDENTIFIERS: ReadonlySet<string> = new Set<Parameters<typeof strongIdentifierComparison>[0]>(["nhs_number", "pnc_id"]);

/**
 * The basis of one record's own link, from its stored evidence: a record linked through a chain
 * (C by name to B, B by NHS number to A) is judged by its own link, since the chain is only as
 * strong as that link. A strong identifier agreed when its comparison counted FOR the link: only its
 * agreeing level has positive bits (a missing or invalid value weighs nothing, a different one is
 * near-conclusive against), and the bits are what the model weighed, where a level's label is only
 * display text. A link scored before probabilistic linkage has no waterfall to show an identifier,
 * so it is not taken as strong until a re-link scores it.
 */
export function recordLinkBasis(rule: LinkRule, comparisons: readonly StoredStep[] | null): RecordLinkBasis {
  if (rule === LinkRule.SOLE_RECORD) return RecordLinkBasis.SOLE_RECORD;
  if (rule === LinkRule.REVIEWER) return RecordLinkBasis.REVIEWER;
  const agreed = (comparisons ?? []).some((step) => STRONG_IDENTIFIERS.has(step.comparison) && step.bits > 0);
  return agreed ? RecordLinkBasis.STRONG_IDENTIFIER : RecordLinkBasis.NAME_AND_DATE_OF_BIRTH;
}
