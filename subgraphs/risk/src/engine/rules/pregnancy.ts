import { formatDate, within } from "../dates";
import { byAgency, kindLabel, listed } from "../describe";
import { HARMED_ROLES } from "../incidents";
import type { RiskEvent } from "../RiskEvent";
import type { Rule } from "./Finding";

const PREGNANCY = "PREGNANCY";
const NEW_BABY = "NEW_BABY";

/**
 * Rule set v2: pregnancy or a baby under one, alongside current abuse, raises the level (DOMAIN.md,
 * homicide markers: pregnancy and a new baby, DASH Q9) by `pregnancy.raiseLevels` bands. Hers as the
 * one harmed, or as a parent or carer: an unborn child's plan names her the expectant parent.
 */
export const pregnancy: Rule = (context) => {
  const rule = context.rules.pregnancy;
  if (!rule) return null;
  const hers = (event: RiskEvent) => HARMED_ROLES.has(event.role) || event.role === "PARENT_OR_CARER";
  const pregnant = context.withMarker(PREGNANCY).filter((event) => hers(event) && within(event.occurredAt, context.now, rule.pregnancyDays));
  const baby = context.withMarker(NEW_BABY).filter((event) => hers(event) && within(event.occurredAt, context.now, rule.newBabyDays));
  const evidence = [...new Set([...pregnant, ...baby])].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const abuse = context.incidentsToAnyAgency.findLast((event) => within(event.occurredAt, context.now, rule.currentAbuseDays));
  if (evidence.length === 0 || !abuse) return null;
  const what = listed([...(pregnant.length > 0 ? ["pregnancy"] : []), ...(baby.length > 0 ? ["a baby under one"] : [])]);
  const bands = rule.raiseLevels === 1 ? "one band" : `${rule.raiseLevels} bands`;
  return {
    ruleId: "pregnancy",
    statement:
      `${what[0]!.toUpperCase()}${what.slice(1)}, recorded by ${byAgency(evidence)}, alongside current abuse (the ${kindLabel(abuse.kind)} of ${formatDate(abuse.occurredAt)}, ${abuse.agency}, ${abuse.area}): ` +
      `the level is raised ${bands}, as DASH Q9 asks about pregnancy and a new baby — abuse often begins or worsens in pregnancy, and a baby is at risk too.`,
    contribution: 0,
    floor: null,
    raise: rule.raiseLevels,
    events: [...evidence, abuse].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()),
    headline: pregnant.length > 0 ? "she is pregnant" : "a baby under one",
  };
};
