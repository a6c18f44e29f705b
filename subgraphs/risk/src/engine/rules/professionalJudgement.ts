import { formatDate } from "../dates";
import type { Rule } from "./Finding";
import { professionalJudgementReferrals } from "../victimEvidence";

/** A MARAC referral on a practitioner's judgement stands as a HIGH floor within its window (DOMAIN.md, MARAC criterion 2). */
export const professionalJudgement: Rule = (context) => {
  const referrals = professionalJudgementReferrals(context);
  const latest = referrals[referrals.length - 1];
  if (!latest) return null;
  return {
    ruleId: "professionalJudgement",
    statement: `A practitioner referred the subject to MARAC on professional judgement on ${formatDate(latest.occurredAt)} (${latest.agency}, ${latest.area}): HIGH is a floor while the referral stands (${context.rules.professionalJudgement.windowDays} days).`,
    contribution: 0,
    floor: "HIGH",
    events: referrals,
    headline: "referred to MARAC on professional judgement",
  };
};
