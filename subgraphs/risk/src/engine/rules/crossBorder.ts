import { within } from "../dates";
import { byArea, counted, distinct, inWords } from "../describe";
import type { Rule } from "./Finding";

/** Cross-border linking fails where the risk is highest ("Penny", "Susan", domestic homicide reviews: DOMAIN.md). */
export const crossBorder: Rule = (context) => {
  const rule = context.rules.crossBorder;
  const policeHistory = new Set([...context.victimIncidents, ...context.maracReferrals]);
  const history = context.events.filter((event) => policeHistory.has(event) && within(event.occurredAt, context.now, rule.lookbackDays));
  const forces = distinct(history, (event) => event.area);
  if (forces.length < rule.minimumForceAreas) return null;
  return {
    ruleId: "crossBorder",
    statement:
      `History in ${counted(forces.length, "police force area")} in the last ${rule.lookbackDays} days: ${byArea(history)}. ` +
      "Each force's own records show only its part of this history.",
    contribution: rule.points,
    floor: null,
    events: history,
    headline: `history in ${inWords(forces.length)} forces`,
  };
};
