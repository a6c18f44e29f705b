import { formatDate } from "../dates";
import { counted, kindLabel, listed } from "../describe";
import type { RiskEvent } from "../RiskEvent";
import type { RiskContext } from "../riskContext";
import type { Finding, Rule } from "./Finding";

/** How often the abuser was named as hers before the counter-allegation. */
function namedBefore(context: RiskContext, abuserId: string, before: RiskEvent): number {
  return context.incidentsToAnyAgency.filter(
    (event) => event.occurredAt < before.occurredAt && !context.counterAllegations.has(event) && context.abusersIn(event).some((abuser) => abuser.subjectId === abuserId),
  ).length;
}

/**
 * Rule set v2: an incident in which she is recorded as suspect against her established abuser — a
 * person named as her abuser in her earlier incidents — may be his counter-allegation. It still counts
 * in her history as an incident with her abuser, and this says so.
 */
export const counterAllegation: Rule = (context): Finding | null => {
  if (context.counterAllegations.size === 0) return null;
  const incidents = [...context.counterAllegations.keys()];
  const described = incidents.map((incident) => {
    const abuser = context.abusersIn(incident)[0]!;
    const name = abuser.displayName ? `her established abuser, ${abuser.displayName},` : "her established abuser";
    const before = namedBefore(context, abuser.subjectId!, incident);
    return `on ${formatDate(incident.occurredAt)} (${incident.agency}, ${incident.area}, ${kindLabel(incident.kind)}) she was recorded as ${kindLabel(incident.role)} and ${name} as ${kindLabel(abuser.role)}, after ${counted(before, "earlier incident")} naming him as hers`;
  });
  return {
    ruleId: "counterAllegation",
    statement:
      `${incidents.length === 1 ? "A possible counter-allegation" : `${incidents.length} possible counter-allegations`}: ${listed(described)}. ` +
      "Abusers make counter-allegations; the incident counts in her history as an incident with her abuser, and a practitioner should establish who is the victim.",
    contribution: 0,
    floor: null,
    notice: true,
    events: incidents,
    headline: "possible counter-allegation",
  };
};
