import { formatDate, within } from "../dates";
import { counted, inWords, kindLabel, listed } from "../describe";
import type { Rule } from "./Finding";

/** Injuries seen where abuse is seen: emergency departments, minor injury units, maternity, GPs, SARCs (DOMAIN.md, Health). */
export const healthInjuries: Rule = (context) => {
  const rule = context.rules["health.injuries"];
  const injuries = context.events.filter(
    (event) => context.ruleSet.vocabulary.healthAgencies.includes(event.agency) && event.injury === true && within(event.occurredAt, context.now, rule.lookbackDays),
  );
  if (injuries.length === 0) return null;
  const settings = injuries.map((injury) => `${kindLabel(injury.kind)} in ${injury.area} on ${formatDate(injury.occurredAt)}`);
  return {
    ruleId: "health.injuries",
    statement: `Injuries seen by health: ${counted(injuries.length, "attendance")} with an injury recorded in the last ${rule.lookbackDays} days (${listed(settings)}).`,
    contribution: Math.min(injuries.length * rule.pointsPerInjury, rule.maximumPoints),
    floor: null,
    events: injuries,
    headline: injuries.length === 1 ? "an injury seen by health" : `${inWords(injuries.length)} injuries seen by health`,
  };
};
