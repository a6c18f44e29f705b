import { daysBetween, formatDate } from "./dates";
import { kindLabel, listed, wholeDays } from "./describe";
import { escalationPoints } from "./escalationPoints";
import { isPoliceIncidentAsPerpetrator, isPoliceIncidentAsVictim } from "./incidents";
import type { RiskEvent, RiskInput } from "./RiskEvent";
import { thresholdsArea } from "./riskContext";
import { thresholdsFor, type RuleSet } from "./ruleSet";
import { visibleHistory } from "./visibleHistory";

export type TurningPointKind = "FIRST_CONTACT_AGENCY" | "FIRST_CONTACT_AREA" | "FIRST_INJURY" | "ESCALATION" | "GAP";

export interface TurningPoint {
  kind: TurningPointKind;
  note: string;
}

export interface ChronologyEntry {
  event: RiskEvent;
  turningPoints: TurningPoint[];
}

export interface ChronologyFilter {
  /** Inclusive. */
  from?: Date;
  /** Inclusive. */
  to?: Date;
  /** Only events of these kinds (each agency's own kinds). */
  kinds?: readonly string[];
}

/**
 * The multi-agency chronology (DOMAIN.md, What practitioners ask for): every visible event, oldest
 * first, with its turning points — first contact with an agency, a known agency's first record in a
 * new area (a move across a border), the first injury, escalation in frequency or harm (as victim,
 * and as suspect or offender, each measured on its own), and gaps of inactivity before an event.
 * Turning points are found over the whole history and only then filtered, so "first" means first
 * ever, not first in the requested range.
 */
export function chronology(input: RiskInput, ruleSet: RuleSet, filter: ChronologyFilter = {}): ChronologyEntry[] {
  const { events } = visibleHistory(input);
  const rules = thresholdsFor(ruleSet, thresholdsArea(events, ruleSet));
  const points = new Map<RiskEvent, TurningPoint[]>(events.map((event) => [event, []]));
  const mark = (event: RiskEvent, kind: TurningPointKind, note: string) => points.get(event)!.push({ kind, note });

  const areasOf = new Map<string, string[]>();
  let injurySeen = false;
  events.forEach((event, index) => {
    const previous = events[index - 1];
    const gap = previous ? daysBetween(previous.occurredAt, event.occurredAt) : 0;
    if (previous && gap >= rules["chronology.gap"].minimumDays) {
      mark(event, "GAP", `No recorded event for ${wholeDays(gap)} before this one (the previous: ${previous.agency}, ${kindLabel(previous.kind)} in ${previous.area}, ${formatDate(previous.occurredAt)}).`);
    }
    const areas = areasOf.get(event.agency);
    if (!areas) {
      mark(event, "FIRST_CONTACT_AGENCY", `First record held by ${event.agency}: ${kindLabel(event.kind)} in ${event.area}.`);
      areasOf.set(event.agency, [event.area]);
    } else if (!areas.includes(event.area)) {
      mark(event, "FIRST_CONTACT_AREA", `First ${event.agency} record in ${event.area}; the earlier ${event.agency} records are in ${listed(areas)}.`);
      areas.push(event.area);
    }
    if (!injurySeen && event.injury === true) {
      mark(event, "FIRST_INJURY", `First injury recorded: ${event.agency}, ${kindLabel(event.kind)} in ${event.area}.`);
      injurySeen = true;
    }
  });

  const asVictim = events.filter((event) => isPoliceIncidentAsVictim(event, ruleSet.vocabulary));
  const asPerpetrator = events.filter((event) => isPoliceIncidentAsPerpetrator(event, ruleSet.vocabulary));
  for (const point of escalationPoints(asVictim, rules, ruleSet.harmIndex)) mark(point.event, "ESCALATION", `As victim. ${point.note}`);
  for (const point of escalationPoints(asPerpetrator, rules, ruleSet.harmIndex)) mark(point.event, "ESCALATION", `As suspect or offender. ${point.note}`);

  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  return events
    .filter((event) => (!filter.from || event.occurredAt >= filter.from) && (!filter.to || event.occurredAt <= filter.to) && (!kinds || kinds.has(event.kind)))
    .map((event) => ({ event, turningPoints: points.get(event)! }));
}
