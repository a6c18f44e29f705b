import { daysBetween, within } from "./dates";
import {
  HARMED_ROLES,
  isDisclosureElsewhere,
  isDomesticAbuseIncident,
  isMaracReferral,
  isPoliceEvent,
  isPoliceIncidentAsVictim,
  PERPETRATOR_ROLES,
  perpetratorsIn,
} from "./incidents";
import type { RiskCounterpart, RiskEvent, RiskInput, SourceVisibility } from "./RiskEvent";
import { thresholdsFor, type RuleSet, type Thresholds } from "./ruleSet";
import { asAt, visibleHistory } from "./visibleHistory";

/** What a computed result rests on, so that a partial picture is never taken for the whole. */
export interface RiskBasisResult {
  agenciesSeen: string[];
  agenciesNotSeen: { agency: string; reason: string }[];
  /** The forces, trusts and councils whose events the result read. */
  areas: string[];
  ruleSetVersion: string;
  harmIndexVersion: string;
  /** The area whose thresholds applied (that of the latest police event); null: the rule set's own. */
  thresholdsArea: string | null;
  computedAt: Date;
}

/** PARTIAL when some agency's events were not seen: the level is then a lower bound. */
export type Completeness = "COMPLETE" | "PARTIAL";

export type ChecklistEvent = RiskEvent & { dash: NonNullable<RiskEvent["dash"]> };

/** The kit's marker for abuse disclosed to an agency: an incident, as the MARAC repeat criterion reads it. */
const DISCLOSURE_MARKER = "DISCLOSURE_OF_ABUSE";

/**
 * The evidence every assessment reads — visible events up to `now`, oldest first, and the thresholds
 * in force — with what several rules ask of it worked out once: which events are incidents against the
 * subject, her referrals, her latest checklist, each event's markers.
 */
export interface RiskContext {
  subjectId: string;
  now: Date;
  events: RiskEvent[];
  ruleSet: RuleSet;
  rules: Thresholds;
  basis: RiskBasisResult;
  /** Which agencies the caller could see: a perpetrator's own events are read under the same. */
  sources: readonly SourceVisibility[];
  completeness: Completeness;
  datesOfBirth: readonly string[];
  /** Police domestic abuse incidents against the subject, oldest first; under v2 with her possible counter-allegations. */
  victimIncidents: RiskEvent[];
  /** Incidents against the subject reported to any agency, criminal or not, oldest first (as the MARAC repeat criterion reads). */
  incidentsToAnyAgency: RiskEvent[];
  /** v2: events in which she is recorded as suspect or offender against her established abuser, with his subject ids. */
  counterAllegations: ReadonlyMap<RiskEvent, readonly string[]>;
  maracReferrals: RiskEvent[];
  /** The latest DASH or DARA, however old. */
  latestChecklist: ChecklistEvent | null;
  /** The latest checklist while it is current (rule set v2's `dash.bands.currentDays`); under v1, whatever its age. */
  currentChecklist: ChecklistEvent | null;
  /** The event's markers, with those its kind and her abuser's relationship imply (rule set v2); none under v1. */
  markersOf(event: RiskEvent): readonly string[];
  /** Her events holding a marker, oldest first, whatever her part in them: several rules ask, so her history is read for markers once. */
  withMarker(marker: string): readonly RiskEvent[];
  /** Who harmed her in an incident: its suspects and offenders, or in a counter-allegation the abuser recorded as victim. */
  abusersIn(event: RiskEvent): RiskCounterpart[];
  /** She is the one harmed in it: as recorded (victim, patient, subject of concern), or in a possible counter-allegation. */
  harmedIn(event: RiskEvent): boolean;
}

/**
 * The force now dealing with the subject applies its own thresholds (some areas count MARAC
 * escalation as 3 incidents in 6 months): the area of the latest police event.
 */
export function thresholdsArea(events: readonly RiskEvent[], ruleSet: RuleSet): string | null {
  return events.findLast((event) => isPoliceEvent(event, ruleSet.vocabulary))?.area ?? null;
}

const NO_MARKERS: readonly string[] = [];
const NO_EVENTS: readonly RiskEvent[] = [];

/**
 * Markers as rule set v2 reads them: the event's own, those its kind implies (a breach of order is a
 * breach whatever was ticked), and her abuser's relationship to her (an ex-partner: separation).
 * Rule set v1 reads no markers. Most events imply none, and are read as they are.
 */
function markerReader(ruleSet: RuleSet, counterAllegations: ReadonlyMap<RiskEvent, readonly string[]>): (event: RiskEvent) => readonly string[] {
  const { kindMarkers, relationshipMarkers } = ruleSet.vocabulary;
  if (!kindMarkers || !relationshipMarkers) return () => NO_MARKERS;
  const implied = new Map<RiskEvent, readonly string[]>();
  // Her abuser: a suspect where she is harmed; in a counter-allegation, the abuser recorded as victim.
  const abuserRoles = (event: RiskEvent) => (HARMED_ROLES.has(event.role) ? PERPETRATOR_ROLES : counterAllegations.has(event) ? HARMED_ROLES : null);
  return (event) => {
    const own = event.markers ?? NO_MARKERS;
    const byKind = kindMarkers[event.kind];
    const roles = abuserRoles(event);
    const related = roles !== null && event.counterparts.some((counterpart) => counterpart.relationship && roles.has(counterpart.role));
    if (!byKind && !related) return own;
    let all = implied.get(event);
    if (!all) {
      const markers = new Set([...own, ...(byKind ?? NO_MARKERS)]);
      for (const counterpart of event.counterparts) {
        if (roles?.has(counterpart.role) && counterpart.relationship) for (const marker of relationshipMarkers[counterpart.relationship] ?? NO_MARKERS) markers.add(marker);
      }
      all = [...markers];
      implied.set(event, all);
    }
    return all;
  };
}

export function riskContext(input: RiskInput, ruleSet: RuleSet): RiskContext {
  const history = visibleHistory(input);
  const events = asAt(history.events, input.now);
  const area = thresholdsArea(events, ruleSet);
  const rules = thresholdsFor(ruleSet, area);
  const { vocabulary } = ruleSet;
  const counterAllegations = new Map<RiskEvent, string[]>();
  const markersOf = markerReader(ruleSet, counterAllegations);
  const counterAllegationRule = rules.counterAllegation;

  const victimIncidents: RiskEvent[] = [];
  const incidentsToAnyAgency: RiskEvent[] = [];
  const maracReferrals: RiskEvent[] = [];
  const byMarker = new Map<string, RiskEvent[]>();
  // Her established abusers: who harmed her, how often and when last, as the history is read
  // forwards; and whom she was recorded as harming, so that one allegation cannot turn the roles.
  const harmedBy = new Map<string, { last: Date; count: number }>();
  const harmed = new Map<string, number>();
  const established = (subjectId: string | null, at: Date): boolean => {
    if (subjectId === null || !counterAllegationRule) return false;
    const by = harmedBy.get(subjectId);
    return (
      by !== undefined &&
      by.last < at &&
      daysBetween(by.last, at) <= counterAllegationRule.establishedWithinDays &&
      by.count >= counterAllegationRule.minimumIncidents &&
      by.count > (harmed.get(subjectId) ?? 0)
    );
  };
  let latestChecklist: ChecklistEvent | null = null;
  for (const event of events) {
    if (event.dash !== undefined && event.dash !== null) latestChecklist = event as ChecklistEvent;
    // Whether she is recorded as suspect against her established abuser: known before her markers are read, as his relationship to her is one.
    const abusers =
      counterAllegationRule && PERPETRATOR_ROLES.has(event.role) && (!isPoliceEvent(event, vocabulary) || isDomesticAbuseIncident(event, vocabulary))
        ? event.counterparts.filter(({ role, subjectId }) => HARMED_ROLES.has(role) && established(subjectId, event.occurredAt)).map(({ subjectId }) => subjectId!)
        : [];
    if (abusers.length > 0) counterAllegations.set(event, abusers);
    else if (PERPETRATOR_ROLES.has(event.role)) {
      for (const { role, subjectId } of event.counterparts) if (HARMED_ROLES.has(role) && subjectId !== null) harmed.set(subjectId, (harmed.get(subjectId) ?? 0) + 1);
    }
    const markers = markersOf(event);
    for (const marker of markers) {
      const list = byMarker.get(marker);
      if (list) list.push(event);
      else byMarker.set(marker, [event]);
    }
    if (isMaracReferral(event, vocabulary)) {
      maracReferrals.push(event);
      continue;
    }
    const asVictim = isPoliceIncidentAsVictim(event, vocabulary);
    if (asVictim || isDisclosureElsewhere(event, vocabulary) || (HARMED_ROLES.has(event.role) && markers.includes(DISCLOSURE_MARKER))) {
      if (asVictim) victimIncidents.push(event);
      incidentsToAnyAgency.push(event);
      for (const { subjectId } of perpetratorsIn(event)) if (subjectId !== null) harmedBy.set(subjectId, { last: event.occurredAt, count: (harmedBy.get(subjectId)?.count ?? 0) + 1 });
    } else if (abusers.length > 0) {
      if (isPoliceEvent(event, vocabulary)) victimIncidents.push(event);
      incidentsToAnyAgency.push(event);
    }
  }
  const currentDays = rules["dash.bands"].currentDays;
  const currentChecklist = latestChecklist && (currentDays === undefined || within(latestChecklist.occurredAt, input.now, currentDays)) ? latestChecklist : null;
  const abusersIn = (event: RiskEvent): RiskCounterpart[] => {
    const abusers = counterAllegations.get(event);
    return abusers ? event.counterparts.filter((counterpart) => counterpart.subjectId !== null && abusers.includes(counterpart.subjectId)) : perpetratorsIn(event);
  };
  return {
    subjectId: input.subjectId,
    now: input.now,
    events,
    ruleSet,
    rules,
    basis: {
      agenciesSeen: history.agenciesSeen,
      agenciesNotSeen: history.agenciesNotSeen,
      areas: [...new Set(events.map((event) => event.area))].sort(),
      ruleSetVersion: ruleSet.version,
      harmIndexVersion: ruleSet.harmIndex.version,
      thresholdsArea: area,
      computedAt: input.now,
    },
    sources: input.sources,
    completeness: history.agenciesNotSeen.length > 0 ? "PARTIAL" : "COMPLETE",
    datesOfBirth: input.datesOfBirth ?? [],
    victimIncidents,
    incidentsToAnyAgency,
    counterAllegations,
    maracReferrals,
    latestChecklist,
    currentChecklist,
    markersOf,
    withMarker: (marker) => byMarker.get(marker) ?? NO_EVENTS,
    abusersIn,
    harmedIn: (event) => HARMED_ROLES.has(event.role) || counterAllegations.has(event),
  };
}
