import { formatDate, within } from "./dates";
import { byArea, counted, distinct } from "./describe";
import { distinctVictims, unresolvedVictimsNote, type Victim } from "./distinctVictims";
import { eventRef, isPoliceIncidentAsPerpetrator } from "./incidents";
import type { RiskEvent } from "./RiskEvent";
import type { Thresholds, Vocabulary } from "./ruleSet";

export interface SerialPerpetratorResult {
  met: boolean;
  windowDays: number;
  /** Domestic abuse incidents as suspect or offender in the window. */
  incidents: number;
  victims: Victim[];
  areas: string[];
  evidence: string;
  eventIds: string[];
}

/**
 * The Northumbria MATAC definition (DOMAIN.md): suspect or offender in more than one domestic abuse
 * incident against two or more different victims within the window (3 years). Police-recorded
 * incidents only, as the definition is; victims counted as distinct subjects. `events` are the
 * perpetrator's own, as the caller sees them, up to `now`.
 */
export function serialPerpetratorTest(perpetratorId: string, events: readonly RiskEvent[], now: Date, rules: Thresholds, vocabulary: Vocabulary): SerialPerpetratorResult {
  const rule = rules.serialPerpetrator;
  const incidents = events.filter((event) => isPoliceIncidentAsPerpetrator(event, vocabulary) && within(event.occurredAt, now, rule.windowDays));
  const victims = distinctVictims(incidents, perpetratorId);
  const met = incidents.length >= rule.minimumIncidents && victims.length >= rule.minimumVictims;
  const test = `at least ${counted(rule.minimumIncidents, "domestic abuse incident")} as suspect or offender against at least ${counted(rule.minimumVictims, "different victim")} within ${rule.windowDays} days`;
  const against = victims.length === 1 ? "1 victim" : `${victims.length} different victims`;
  const found = `${counted(incidents.length, "incident")} against ${against} in the ${rule.windowDays} days to ${formatDate(now)}`;
  const where = incidents.length > 0 ? `: ${byArea(incidents)}.` : ".";
  const unnamed = incidents.filter((incident) => !incident.counterparts.some((counterpart) => counterpart.role === "VICTIM")).length;
  const evidence =
    (met ? `Meets the serial perpetrator test (Northumbria MATAC: ${test}): ${found}${where}` : `Does not meet the serial perpetrator test (Northumbria MATAC: ${test}): ${found}${where}`) +
    (unnamed > 0 ? ` ${counted(unnamed, "incident names", "incidents name")} no victim the caller can see.` : "") +
    unresolvedVictimsNote(victims) +
    (victims.length > 0 ? " MATAC counts victims aged 16 or over; ages are not in the engine's input, so a practitioner confirms them." : "");
  return { met, windowDays: rule.windowDays, incidents: incidents.length, victims, areas: distinct(incidents, (incident) => incident.area), evidence, eventIds: incidents.map(eventRef) };
}
