import type { RiskCounterpart, RiskEvent } from "./RiskEvent";
import type { Vocabulary } from "./ruleSet";

/** Parts (SubjectRole values) in which a person is said to have caused the harm. */
export const PERPETRATOR_ROLES: ReadonlySet<string> = new Set(["SUSPECT", "OFFENDER", "ALLEGED_PERPETRATOR"]);
/** Parts in which a person is the one harmed or at risk. */
export const HARMED_ROLES: ReadonlySet<string> = new Set(["VICTIM", "PATIENT", "SUBJECT_OF_CONCERN"]);
/** Parts that place a person in the household an episode is about. */
export const HOUSEHOLD_ROLES: ReadonlySet<string> = new Set(["PARENT_OR_CARER", "HOUSEHOLD_MEMBER"]);

/** Agencies number their events independently, so an event is named with its agency: `police/NMC-O-S1`. */
export function eventRef(event: RiskEvent): string {
  return `${event.agency}/${event.id}`;
}

/** A counterpart's subject when identity resolved it; otherwise the one record we know them by. */
export function counterpartKey(counterpart: RiskCounterpart): string {
  return counterpart.subjectId ?? `${counterpart.agency}/${counterpart.localId}`;
}

export function perpetratorsIn(event: RiskEvent): RiskCounterpart[] {
  return event.counterparts.filter((counterpart) => PERPETRATOR_ROLES.has(counterpart.role));
}

export function isPoliceEvent(event: RiskEvent, vocabulary: Vocabulary): boolean {
  return vocabulary.policeAgencies.includes(event.agency);
}

export function isMaracReferral(event: RiskEvent, vocabulary: Vocabulary): boolean {
  return isPoliceEvent(event, vocabulary) && event.kind === vocabulary.maracReferralKind;
}

/** A police occurrence that is domestic abuse: flagged so by the force, or of a kind that is by definition. */
export function isDomesticAbuseIncident(event: RiskEvent, vocabulary: Vocabulary): boolean {
  return isPoliceEvent(event, vocabulary) && !isMaracReferral(event, vocabulary) && (event.domesticAbuse === true || vocabulary.domesticAbuseKinds.includes(event.kind));
}

export function isPoliceIncidentAsVictim(event: RiskEvent, vocabulary: Vocabulary): boolean {
  return event.role === "VICTIM" && isDomesticAbuseIncident(event, vocabulary);
}

export function isPoliceIncidentAsPerpetrator(event: RiskEvent, vocabulary: Vocabulary): boolean {
  return PERPETRATOR_ROLES.has(event.role) && isDomesticAbuseIncident(event, vocabulary);
}

/**
 * Abuse of the subject made known to health or social care rather than police: a health
 * safeguarding concern, or a health or care event in which the subject is the one harmed and someone
 * is named as the alleged perpetrator. An injury alone is not a disclosure: the injury rule weighs it.
 */
export function isDisclosureElsewhere(event: RiskEvent, vocabulary: Vocabulary): boolean {
  if (vocabulary.healthAgencies.includes(event.agency) && event.kind === vocabulary.healthConcernKind) return true;
  const healthOrCare = vocabulary.healthAgencies.includes(event.agency) || vocabulary.socialCareAgencies.includes(event.agency);
  return healthOrCare && HARMED_ROLES.has(event.role) && perpetratorsIn(event).length > 0;
}
