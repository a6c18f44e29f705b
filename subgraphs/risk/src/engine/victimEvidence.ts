import { within } from "./dates";
import type { RiskEvent } from "./RiskEvent";
import type { RiskContext } from "./riskContext";

/** MARAC referrals of the subject on a practitioner's judgement that still stand. */
export function professionalJudgementReferrals(context: RiskContext): RiskEvent[] {
  const { windowDays } = context.rules.professionalJudgement;
  return context.maracReferrals.filter((event) => event.maracCriterion === "PROFESSIONAL_JUDGEMENT" && within(event.occurredAt, context.now, windowDays));
}
