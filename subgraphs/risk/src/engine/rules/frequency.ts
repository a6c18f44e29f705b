import { within } from "../dates";
import { byArea, counted, inWords, periodWords } from "../describe";
import type { Rule } from "./Finding";

/** MARAC criterion 3's figure (3 police-reported incidents in 12 months) as a frequency signal in its own right. */
export const frequency: Rule = (context) => {
  const rule = context.rules.frequency;
  const incidents = context.victimIncidents.filter((event) => within(event.occurredAt, context.now, rule.windowDays));
  if (incidents.length < rule.minimumIncidents) return null;
  return {
    ruleId: "frequency",
    statement: `Frequent incidents: ${counted(incidents.length, "police-reported domestic abuse incident")} in the last ${rule.windowDays} days (${byArea(incidents)}), at least ${rule.minimumIncidents}.`,
    contribution: rule.points,
    floor: null,
    events: incidents,
    headline: `${inWords(incidents.length)} incidents in ${periodWords(rule.windowDays)}`,
  };
};
