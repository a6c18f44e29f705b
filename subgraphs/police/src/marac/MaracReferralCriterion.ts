import { registerEnumType } from "type-graphql";

/** Why a victim was referred to a MARAC (the SafeLives referral criteria). */
export enum MaracReferralCriterion {
  VISIBLE_HIGH_RISK = "VISIBLE_HIGH_RISK",
  POTENTIAL_ESCALATION = "POTENTIAL_ESCALATION",
  REPEAT = "REPEAT",
  PROFESSIONAL_JUDGEMENT = "PROFESSIONAL_JUDGEMENT",
}
registerEnumType(MaracReferralCriterion, {
  name: "MaracReferralCriterion",
  description: "Why a victim was referred to a MARAC (SafeLives criteria).",
  valuesConfig: {
    VISIBLE_HIGH_RISK: { description: "14 or more yes answers on DASH." },
    POTENTIAL_ESCALATION: { description: "Repeated police-reported incidents in the area's configured window." },
    REPEAT: { description: "A further incident within 12 months of the last MARAC referral." },
    PROFESSIONAL_JUDGEMENT: { description: "A professional's judgement of high risk." },
  },
});
export const MARAC_REFERRAL_CRITERIA = Object.values(MaracReferralCriterion);
