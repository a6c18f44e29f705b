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
  /** In words; put together only when read, as his history is read for the test more often than it is described. */
  readonly evidence: string;
  eventIds: string[];
  /** The incidents it counted, oldest first. */
  events: RiskEvent[];
}

/**
 * What MATAC's "aged 16 or over" can say: rule set v1 knows no ages; v2 knows the ages of subjects
 * whose dates of birth identity gave, and sets aside a victim known to be younger.
 */
function ageNote(victims: readonly Victim[], rules: Thresholds, knownAges: ReadonlyMap<string, number>): { counted: Victim[]; note: string } {
  if (victims.length === 0) return { counted: [], note: "" };
  const ages = rules.ages;
  if (!ages) return { counted: [...victims], note: " MATAC counts victims aged 16 or over; ages are not in the engine's input, so a practitioner confirms them." };
  const ageOf = (victim: Victim) => (victim.subjectId === null ? undefined : knownAges.get(victim.subjectId));
  const younger = victims.filter((victim) => (ageOf(victim) ?? ages.domesticAbuseFromAge) < ages.domesticAbuseFromAge);
  const known = victims.filter((victim) => ageOf(victim) !== undefined).length;
  const unknown = victims.length - known;
  return {
    counted: victims.filter((victim) => !younger.includes(victim)),
    note:
      ` MATAC counts victims aged ${ages.domesticAbuseFromAge} or over` +
      (younger.length > 0 ? `; ${counted(younger.length, "victim is", "victims are")} younger by a recorded date of birth and not counted` : "") +
      (unknown > 0 ? `; ${unknown === victims.length ? "the victims' ages are" : `${counted(unknown, "victim's age is", "victims' ages are")}`} not known here, so a practitioner confirms ${unknown === 1 ? "it" : "them"}.` : "."),
  };
}

/**
 * The Northumbria MATAC definition (DOMAIN.md): suspect or offender in more than one domestic abuse
 * incident against two or more different victims, aged 16 or over, within the window (3 years).
 * Police-recorded incidents only, as the definition is; victims counted as distinct subjects.
 * `events` are the perpetrator's own, as the caller sees them, up to `now`; `knownAges` the ages of
 * victims the caller's input gives (rule set v2).
 */
export function serialPerpetratorTest(
  perpetratorId: string,
  events: readonly RiskEvent[],
  now: Date,
  rules: Thresholds,
  vocabulary: Vocabulary,
  knownAges: ReadonlyMap<string, number> = new Map(),
): SerialPerpetratorResult {
  const rule = rules.serialPerpetrator;
  const incidents = events.filter((event) => isPoliceIncidentAsPerpetrator(event, vocabulary) && within(event.occurredAt, now, rule.windowDays));
  const found = distinctVictims(incidents, perpetratorId);
  const ages = ageNote(found, rules, knownAges);
  const victims = ages.counted;
  const met = incidents.length >= rule.minimumIncidents && victims.length >= rule.minimumVictims;
  const test = `at least ${counted(rule.minimumIncidents, "domestic abuse incident")} as suspect or offender against at least ${counted(rule.minimumVictims, "different victim")} within ${rule.windowDays} days`;
  return {
    met,
    windowDays: rule.windowDays,
    incidents: incidents.length,
    victims,
    areas: distinct(incidents, (incident) => incident.area),
    get evidence() {
      const against = victims.length === 1 ? "1 victim" : `${victims.length} different victims`;
      const tally = `${counted(incidents.length, "incident")} against ${against} in the ${rule.windowDays} days to ${formatDate(now)}`;
      const where = incidents.length > 0 ? `: ${byArea(incidents)}.` : ".";
      const unnamed = incidents.filter((incident) => !incident.counterparts.some((counterpart) => counterpart.role === "VICTIM")).length;
      return (
        (met ? `Meets the serial perpetrator test (Northumbria MATAC: ${test}): ${tally}${where}` : `Does not meet the serial perpetrator test (Northumbria MATAC: ${test}): ${tally}${where}`) +
        (unnamed > 0 ? ` ${counted(unnamed, "incident names", "incidents name")} no victim the caller can see.` : "") +
        unresolvedVictimsNote(victims) +
        ages.note
      );
    },
    eventIds: incidents.map(eventRef),
    events: incidents,
  };
}
