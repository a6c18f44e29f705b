import { within } from "../dates";
import { byArea, counted, distinct, inWords, periodWords } from "../describe";
import { counterAllegationNote } from "./counterAllegationNote";
import type { Rule } from "./Finding";

/** Police history predicts better than DASH alone (DOMAIN.md: Turner, Brown & Medina-Ariza 2022). */
export const repeatVictimisation: Rule = (context) => {
  const rule = context.rules.repeatVictimisation;
  const incidents = context.victimIncidents.filter((event) => within(event.occurredAt, context.now, rule.lookbackDays));
  if (incidents.length < rule.minimumIncidents) return null;
  const forces = distinct(incidents, (incident) => incident.area);
  return {
    ruleId: "repeatVictimisation",
    statement:
      `Repeat victimisation: ${counted(incidents.length, "domestic abuse incident")} with the subject as victim reported to police in the last ${rule.lookbackDays} days` +
      `${forces.length > 1 ? `, in ${counted(forces.length, "force area")}` : ""}: ${byArea(incidents)}.${counterAllegationNote(context, incidents)}`,
    contribution: Math.min(incidents.length * rule.pointsPerIncident, rule.maximumPoints),
    floor: null,
    events: incidents,
    headline: `${inWords(incidents.length)} incidents in ${periodWords(rule.lookbackDays)}`,
  };
};
