import { within } from "../dates";
import { counted } from "../describe";
import { escalationPoints, type EscalationPoint } from "../escalationPoints";
import type { RiskEvent } from "../RiskEvent";
import type { RiskContext } from "../riskContext";
import type { Rule } from "./Finding";

/** Both escalation rules read the same points: found once per assessment. */
const found = new WeakMap<RiskContext, EscalationPoint[]>();

function pointsOf(context: RiskContext): EscalationPoint[] {
  let points = found.get(context);
  if (!points) {
    points = escalationPoints(context.victimIncidents, context.rules, context.ruleSet.harmIndex);
    found.set(context, points);
  }
  return points;
}

/** The incidents the points rest on: frequency windows overlap, so each incident once. */
function eachOnce(points: readonly EscalationPoint[]): RiskEvent[] {
  const events = new Set<RiskEvent>();
  for (const point of points) for (const event of point.events) events.add(event);
  return [...events];
}

/** An escalation counts while it is recent: the latest such point is the one a chair needs to hear. */
function escalation(measure: EscalationPoint["measure"], ruleId: "escalation.frequency" | "escalation.harm", headline: string): Rule {
  return (context) => {
    const rule = context.rules[ruleId];
    const recent = pointsOf(context).filter((point) => point.measure === measure && within(point.event.occurredAt, context.now, rule.recentDays));
    const latest = recent[recent.length - 1];
    if (!latest) return null;
    return {
      ruleId,
      statement: `${latest.note}${recent.length > 1 ? ` ${counted(recent.length, "escalation")} of this kind in the last ${rule.recentDays} days.` : ""}`,
      contribution: rule.points,
      floor: null,
      events: eachOnce(recent),
      headline,
    };
  };
}

export const escalationFrequency = escalation("FREQUENCY", "escalation.frequency", "incidents more frequent");
export const escalationHarm = escalation("HARM", "escalation.harm", "harm escalating");
