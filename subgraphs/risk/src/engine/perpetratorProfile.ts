import { daysBetween, within } from "./dates";
import { counted, distinct, kindLabel, listed } from "./describe";
import { distinctVictims, unresolvedVictimsNote, type Victim } from "./distinctVictims";
import { harmWeightOf } from "./harmWeightOf";
import { eventRef, isPoliceIncidentAsPerpetrator } from "./incidents";
import type { RiskEvent, RiskInput } from "./RiskEvent";
import { riskContext, type RiskBasisResult, type RiskContext } from "./riskContext";
import type { RuleSet } from "./ruleSet";
import { serialPerpetratorTest } from "./serialPerpetratorTest";

export interface HarmByKind {
  kind: string;
  incidents: number;
  /** The harm index's weight of one such incident; null when the table does not weigh the kind. */
  daysEach: number | null;
  days: number;
  /** The weight is Tessera's approximation, not a published CCHI value. */
  approximation: boolean;
}

export interface PerpetratorProfileResult {
  subjectId: string;
  /** Victims counted as distinct subjects; a victim identity has not resolved counts by their record. */
  distinctVictims: number;
  /** The subject ids of the victims identity has resolved, to walk on to their histories. */
  victims: string[];
  /** Victims known only by a record identity has not linked, each counted as a person. */
  unresolvedVictims: { agency: string; localId: string }[];
  victimDetails: Victim[];
  /** How the victims were counted, and whether an unresolved record could have inflated the count. */
  victimCounting: string;
  serialPerpetrator: boolean;
  serialPerpetratorEvidence: string;
  /** Rule set v2: some of these incidents name as victim her own established abuser — possible counter-allegations. */
  counterAllegation: boolean;
  /** Rule set v2: what a reader must know before reading the profile as a perpetrator's (its only victim is her own abuser); null otherwise. */
  caveat: string | null;
  serialPerpetratorEventIds: string[];
  lastIncidentAt: Date | null;
  /** Whole days. */
  daysSinceLastIncident: number | null;
  incidentsTotal: number;
  incidentsInWindow: number;
  frequencyWindowDays: number;
  /** Harm index total over the visible history, in days. */
  harm: number;
  harmInWindow: number;
  harmTableVersion: string;
  harmByKind: HarmByKind[];
  harmNote: string;
  /** A local, configurable weighting of recency, frequency and harm, 0 to 100: not a national measure. */
  localPriorityScore: number;
  localPriorityScoreComponents: { recency: number; frequency: number; harm: number };
  localPriorityScoreLabel: string;
  /** The force areas offended in, in order of first incident. */
  areas: string[];
  /** The incidents as suspect or offender (agency/id), oldest first. */
  eventIds: string[];
  basis: RiskBasisResult;
}

/** A share of full weight, saturating at `saturation` (at 0, anything at all is full weight). */
function share(value: number, saturation: number): number {
  if (saturation === 0) return value > 0 ? 1 : 0;
  return Math.min(1, value / saturation);
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Said before the profile is read as a perpetrator's, when its incidents name her own established abuser as victim. */
function caveat(context: RiskContext, incidents: readonly RiskEvent[], countered: readonly RiskEvent[]): string | null {
  if (countered.length === 0) return null;
  const abusers = distinct(countered.flatMap((incident) => context.abusersIn(incident)), (abuser) => abuser.displayName ?? abuser.subjectId ?? "");
  const named = countered.flatMap((incident) => context.abusersIn(incident)).find((abuser) => abuser.displayName)?.displayName;
  const who = named && abusers.length === 1 ? `her own established abuser, ${named}` : abusers.length === 1 ? "her own established abuser" : "her own established abusers";
  const counterWords = "possible counter-allegations: she was named as his victim before";
  if (countered.length === incidents.length) {
    return `Its only victim is ${who}: ${counted(countered.length, "incident")} in which she is recorded as suspect against him, ${counterWords}. Read it beside her own risk assessment; it does not make her a serial perpetrator.`;
  }
  return `${countered.length} of its ${counted(incidents.length, "incident")} name ${who} as victim, ${counterWords}; they are set aside from the serial perpetrator test.`;
}

/**
 * The subject as a suspect or offender of domestic abuse, from police-recorded incidents (the
 * MATAC definition and the harm index are about offences): victims as distinct subjects, the
 * serial-perpetrator test, recency, frequency, harm from the versioned harm index, and a local
 * priority score labelled as local (DOMAIN.md: RFG weights are not public).
 */
export function perpetratorProfile(input: RiskInput, ruleSet: RuleSet): PerpetratorProfileResult {
  const context = riskContext(input, ruleSet);
  const { rules, now } = context;
  const harmIndex = ruleSet.harmIndex;
  const incidents = context.events.filter((event) => isPoliceIncidentAsPerpetrator(event, ruleSet.vocabulary));
  const windowDays = rules["perpetrator.frequency"].windowDays;
  const inWindow = incidents.filter((incident) => within(incident.occurredAt, now, windowDays));

  const victims = distinctVictims(incidents, input.subjectId);
  // Her counter-allegations are set aside from the MATAC test: they make no one a serial perpetrator.
  const countered = incidents.filter((incident) => context.counterAllegations.has(incident));
  const serial = serialPerpetratorTest(
    input.subjectId,
    countered.length === 0 ? context.events : context.events.filter((event) => !context.counterAllegations.has(event)),
    now,
    rules,
    ruleSet.vocabulary,
  );

  const byKind = new Map<string, HarmByKind>();
  for (const incident of incidents) {
    const weight = harmWeightOf(incident.kind, harmIndex);
    const entry = byKind.get(incident.kind) ?? { kind: incident.kind, incidents: 0, daysEach: weight?.days ?? null, days: 0, approximation: weight?.approximation ?? false };
    entry.incidents += 1;
    entry.days += weight?.days ?? 0;
    byKind.set(incident.kind, entry);
  }
  const harmOf = (list: typeof incidents) => list.reduce((sum, incident) => sum + (harmWeightOf(incident.kind, harmIndex)?.days ?? 0), 0);
  const harm = harmOf(incidents);
  const harmInWindow = harmOf(inWindow);
  const harmByKind = [...byKind.values()];
  const approximated = harmByKind.filter((entry) => entry.approximation && entry.daysEach !== null).map((entry) => kindLabel(entry.kind));
  const unweighted = harmByKind.filter((entry) => entry.daysEach === null).map((entry) => kindLabel(entry.kind));
  const harmNote =
    `${harmIndex.name}, version ${harmIndex.version}: ${counted(incidents.length, "incident")} weigh ${harm} days in all, ${harmInWindow} in the last ${windowDays} days.` +
    (approximated.length > 0 ? ` The ${approximated.length === 1 ? "weight" : "weights"} for ${listed(approximated)} ${approximated.length === 1 ? "is Tessera's approximation" : "are Tessera's approximations"}, not published CCHI values.` : "") +
    (unweighted.length > 0 ? ` The table does not weigh ${listed(unweighted)}.` : "");

  const last = incidents[incidents.length - 1];
  const daysSince = last ? daysBetween(last.occurredAt, now) : null;
  const weights = rules["perpetrator.priorityScore"];
  const components = {
    recency: roundTenth(weights.recencyWeight * (daysSince === null ? 0 : Math.max(0, 1 - share(daysSince, weights.recencyHorizonDays)))),
    frequency: roundTenth(weights.frequencyWeight * share(inWindow.length, weights.frequencySaturation)),
    harm: roundTenth(weights.harmWeight * share(harmInWindow, weights.harmSaturationDays)),
  };
  const unresolved = victims.filter((victim) => victim.subjectId === null);
  return {
    subjectId: input.subjectId,
    distinctVictims: victims.length,
    victims: victims.flatMap((victim) => (victim.subjectId === null ? [] : [victim.subjectId])),
    unresolvedVictims: unresolved.flatMap((victim) => victim.records),
    victimDetails: victims,
    victimCounting: `${counted(victims.length, "distinct victim")} across ${counted(incidents.length, "incident")} as suspect or offender, counted as distinct subjects.${unresolvedVictimsNote(victims)}`,
    serialPerpetrator: serial.met,
    serialPerpetratorEvidence: serial.evidence,
    counterAllegation: countered.length > 0,
    caveat: caveat(context, incidents, countered),
    serialPerpetratorEventIds: serial.eventIds,
    lastIncidentAt: last?.occurredAt ?? null,
    daysSinceLastIncident: daysSince === null ? null : Math.floor(daysSince),
    incidentsTotal: incidents.length,
    incidentsInWindow: inWindow.length,
    frequencyWindowDays: windowDays,
    harm,
    harmInWindow,
    harmTableVersion: harmIndex.version,
    harmByKind,
    harmNote,
    localPriorityScore: roundTenth(components.recency + components.frequency + components.harm),
    localPriorityScoreComponents: components,
    localPriorityScoreLabel:
      `Local priority score, 0 to 100 (rule set ${ruleSet.version}, perpetrator.priorityScore: recency ${weights.recencyWeight}, frequency ${weights.frequencyWeight}, harm ${weights.harmWeight}). ` +
      "Tessera's own weighting, not any force's RFG or RFH score, whose weights are not public.",
    areas: distinct(incidents, (incident) => incident.area),
    eventIds: incidents.map(eventRef),
    basis: context.basis,
  };
}
