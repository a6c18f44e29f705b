import { formatDate, within } from "../dates";
import { counted, kindLabel } from "../describe";
import type { Rule } from "./Finding";

/** Already a MARAC case: "flag and tag" repeat MARAC victims (DOMAIN.md, What practitioners ask for). */
export const maracHistory: Rule = (context) => {
  const rule = context.rules.maracHistory;
  const referrals = context.maracReferrals.filter((event) => within(event.occurredAt, context.now, rule.windowDays));
  const latest = referrals[referrals.length - 1];
  if (!latest) return null;
  const criterion = latest.maracCriterion ? ` (criterion: ${kindLabel(latest.maracCriterion)})` : "";
  return {
    ruleId: "maracHistory",
    statement:
      `Already a MARAC case: ${counted(referrals.length, "referral")} in the last ${rule.windowDays} days, the latest on ${formatDate(latest.occurredAt)} in ${latest.area}${criterion}. ` +
      "A further incident makes the subject a repeat MARAC victim.",
    contribution: rule.points,
    floor: null,
    events: referrals,
    headline: "already a MARAC case",
  };
};
