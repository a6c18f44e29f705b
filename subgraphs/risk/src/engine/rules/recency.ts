import { daysBetween, formatDate, within } from "../dates";
import { kindLabel, wholeDays } from "../describe";
import type { Rule } from "./Finding";

/** Time since the last incident predicts serious harm better than the checklist (DOMAIN.md: Turner, Brown & Medina-Ariza 2022). */
export const recency: Rule = (context) => {
  const rule = context.rules.recency;
  const latest = context.incidentsToAnyAgency[context.incidentsToAnyAgency.length - 1];
  if (!latest || !within(latest.occurredAt, context.now, rule.withinDays)) return null;
  const ago = wholeDays(daysBetween(latest.occurredAt, context.now));
  return {
    ruleId: "recency",
    statement:
      `Recent incident: the ${kindLabel(latest.kind)} recorded by ${latest.agency} in ${latest.area} on ${formatDate(latest.occurredAt)}, ${ago} before this assessment (within ${rule.withinDays} days). ` +
      "Time since the last incident is the strongest police-history predictor of serious harm.",
    contribution: rule.points,
    floor: null,
    events: [latest],
    headline: `latest incident ${ago} ago`,
  };
};
