import { within } from "./dates";
import { isMaracReferral } from "./incidents";
import type { RiskEvent } from "./RiskEvent";
import type { RiskContext } from "./riskContext";

type DashedEvent = RiskEvent & { dash: NonNullable<RiskEvent["dash"]> };

/** The subject's latest DASH or DARA: a newer checklist supersedes an older one. */
export function latestDash(context: RiskContext): DashedEvent | null {
  return (context.events.findLast((event) => event.dash !== undefined && event.dash !== null) as DashedEvent | undefined) ?? null;
}

/** MARAC referrals of the subject on a practitioner's judgement that still stand. */
export function professionalJudgementReferrals(context: RiskContext): RiskEvent[] {
  const { windowDays } = context.rules.professionalJudgement;
  return context.events.filter(
    (event) => isMaracReferral(event, context.ruleSet.vocabulary) && event.maracCriterion === "PROFESSIONAL_JUDGEMENT" && within(event.occurredAt, context.now, windowDays),
  );
}
