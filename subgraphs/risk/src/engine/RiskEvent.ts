/**
 * The engine's input: every agency's events normalised to one shape, as the caller may see them. The
 * engine is pure — functions from these to results — so what risk can see is decided before it runs.
 */
export interface RiskCounterpart {
  role: string;
  agency: string;
  localId: string;
  /** identity's subject, when resolved */
  subjectId: string | null;
  /** How they are related to the subject, as the recording agency knows it. */
  relationship?: "CURRENT_PARTNER" | "EX_PARTNER" | "FAMILY_MEMBER" | "OTHER" | null;
  /** Their subject's display name, where the caller may see it. */
  displayName?: string | null;
  /**
   * For a perpetrator: how this record of his joined his other records, through which his history
   * reaches the subject's assessment.
   */
  recordLink?: RecordLink | null;
}

/** How the subject's record in an event is linked to the subject (identity's `AgencyRecordLink`). */
export interface RecordLink {
  linkedBy: "SOLE_RECORD" | "STRONG_IDENTIFIER" | "REVIEWER" | "NAME_AND_DATE_OF_BIRTH";
  /** The model's probability for the link; null for a sole record or a reviewer's decision. */
  probability: number | null;
  /** The record it is linked to is in another area. */
  acrossAreas: boolean;
}

export type Grading = "STANDARD" | "MEDIUM" | "HIGH";

export interface RiskEvent {
  agency: string;
  id: string;
  area: string;
  occurredAt: Date;
  kind: string;
  /** The subject's part: SubjectRole values (VICTIM, SUSPECT, OFFENDER, WITNESS, PATIENT, ALLEGED_PERPETRATOR, SUBJECT_OF_CONCERN, PARENT_OR_CARER, HOUSEHOLD_MEMBER, OTHER) */
  role: string;
  counterparts: RiskCounterpart[];
  /** The subject's own record in the agency through which they are in this event. */
  recordId?: string;
  /** How that record is linked to the subject; null or absent when not known. */
  recordLink?: RecordLink | null;
  /** SafeguardingMarker codes, partners' codes already mapped onto them. */
  markers?: string[];
  /** police */
  domesticAbuse?: boolean | null;
  /** health */
  injury?: boolean | null;
  /** police: the subject's latest DASH/DARA for that occurrence */
  dash?: { tool: "DASH" | "DARA"; yesCount: number | null; officerGrading: Grading | null } | null;
  /** police: the highest risk recorded for any victim of the occurrence, so a perpetrator's events show his previous victims' risk. */
  victimRisk?: { dashYesCount: number | null; officerGrading: Grading | null; maracReferred: boolean } | null;
  /** police MARAC_REFERRAL events: VISIBLE_HIGH_RISK | POTENTIAL_ESCALATION | REPEAT | PROFESSIONAL_JUDGEMENT */
  maracCriterion?: string | null;
  /** care episode category / health concern category */
  category?: string | null;
}

/** Which agencies' events the caller could see, and why not. */
export interface SourceVisibility {
  agency: string;
  visible: boolean;
  reason: string | null;
}

export interface RiskInput {
  subjectId: string;
  events: RiskEvent[];
  sources: SourceVisibility[];
  now: Date;
  /** The subject's recorded dates of birth ("YYYY-MM-DD"), most recent first, from identity. */
  datesOfBirth?: string[];
}

/** A counterpart's own events as the caller sees them: the serial-perpetrator test and his history read them. */
export interface PerpetratorHistory {
  subjectId: string;
  events: RiskEvent[];
  /** His display name, where the caller may see it. */
  displayName?: string | null;
}
