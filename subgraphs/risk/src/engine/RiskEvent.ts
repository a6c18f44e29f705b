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
}

export interface RiskEvent {
  agency: string;
  id: string;
  area: string;
  occurredAt: Date;
  kind: string;
  /** The subject's part: SubjectRole values (VICTIM, SUSPECT, OFFENDER, WITNESS, PATIENT, ALLEGED_PERPETRATOR, SUBJECT_OF_CONCERN, PARENT_OR_CARER, HOUSEHOLD_MEMBER, OTHER) */
  role: string;
  counterparts: RiskCounterpart[];
  /** police */
  domesticAbuse?: boolean | null;
  /** health */
  injury?: boolean | null;
  /** police: the subject's latest DASH/DARA for that occurrence */
  dash?: { tool: "DASH" | "DARA"; yesCount: number | null; officerGrading: "STANDARD" | "MEDIUM" | "HIGH" | null } | null;
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
}

/** A counterpart's own events as the caller sees them: the serial-perpetrator test reads them. */
export interface PerpetratorHistory {
  subjectId: string;
  events: RiskEvent[];
}
