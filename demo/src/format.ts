/**
 * The NDJSON lines the generator writes, typed after docs/import-format.md (the contract). Optional
 * fields are left out rather than written as null when a record lacks them.
 */
import type { Person } from "./people";

/** The agency a file belongs to: the `agency` of identity's record links, and the truth file's first column. */
export type DemoAgency = "police" | "health" | "social-care";

export type RecordedSex = "FEMALE" | "MALE" | "INDETERMINATE" | "NOT_KNOWN";

export type PoliceCategory =
  | "DOMESTIC_INCIDENT"
  | "COMMON_ASSAULT"
  | "ASSAULT_OCCASIONING_ABH"
  | "GBH"
  | "THREATS_TO_KILL"
  | "STALKING_HARASSMENT"
  | "COERCIVE_CONTROL"
  | "SEXUAL_ASSAULT"
  | "RAPE"
  | "CRIMINAL_DAMAGE"
  | "BREACH_OF_ORDER"
  | "OTHER";

export type InvolvementRole = "VICTIM" | "SUSPECT" | "OFFENDER" | "WITNESS" | "OTHER";
export type DashAnswer = "YES" | "NO" | "NOT_KNOWN";
export type RiskGrading = "STANDARD" | "MEDIUM" | "HIGH";
export type MaracCriterion = "VISIBLE_HIGH_RISK" | "POTENTIAL_ESCALATION" | "REPEAT" | "PROFESSIONAL_JUDGEMENT";
export type EncounterSetting = "EMERGENCY_DEPARTMENT" | "MINOR_INJURY_UNIT" | "MATERNITY" | "GP" | "SEXUAL_ASSAULT_REFERRAL_CENTRE";
export type ConcernCategory = "DOMESTIC_ABUSE" | "SEXUAL_VIOLENCE" | "CHILD_PROTECTION" | "ADULT_SAFEGUARDING";
export type EpisodeKind = "REFERRAL" | "SECTION_47_ENQUIRY" | "CHILD_PROTECTION_PLAN" | "CHILD_IN_NEED" | "SECTION_42_ENQUIRY";
export type PlanCategory = "NEGLECT" | "PHYSICAL_ABUSE" | "EMOTIONAL_ABUSE" | "SEXUAL_ABUSE" | "MULTIPLE";
export type EpisodeRole = "PARENT_OR_CARER" | "HOUSEHOLD_MEMBER" | "ALLEGED_PERPETRATOR" | "OTHER";
export type HouseholdRelationship = "PARENT_OF" | "CHILD_OF" | "PARTNER_OF" | "SIBLING_OF" | "OTHER_ADULT";

export interface AddressLine {
  line1?: string;
  postcode: string;
  from?: string;
  to?: string;
}

export interface NominalLine {
  type: "nominal";
  id: string;
  force: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  sex?: RecordedSex;
  pncId?: string;
  addresses?: AddressLine[];
}

export interface OccurrenceLine {
  type: "occurrence";
  id: string;
  force: string;
  category: PoliceCategory;
  domesticAbuse: boolean;
  occurredAt: string;
  reportedAt?: string;
  location?: { description?: string; postcode?: string };
  summary?: string;
}

export interface InvolvementLine {
  type: "involvement";
  occurrenceId: string;
  nominalId: string;
  role: InvolvementRole;
}

export interface DashAssessmentLine {
  type: "dashAssessment";
  id: string;
  occurrenceId: string;
  victimNominalId: string;
  assessedAt: string;
  tool: "DASH";
  answers: DashAnswer[];
  officerGrading?: RiskGrading;
}

export interface MaracReferralLine {
  type: "maracReferral";
  id: string;
  victimNominalId: string;
  occurrenceId?: string;
  referredAt: string;
  criterion: MaracCriterion;
}

export interface PatientLine {
  type: "patient";
  id: string;
  trust: string;
  nhsNumber?: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  sex?: RecordedSex;
  postcode?: string;
  registeredPractice?: string;
}

export interface EncounterLine {
  type: "encounter";
  id: string;
  patientId: string;
  trust: string;
  setting: EncounterSetting;
  occurredAt: string;
  presentingComplaint?: string;
  injury: boolean;
  injuryDescription?: string;
  disclosedAbuse: boolean;
  allegedPerpetratorName?: string;
  allegedPerpetratorPatientId?: string;
}

export interface SafeguardingConcernLine {
  type: "safeguardingConcern";
  id: string;
  patientId: string;
  encounterId?: string;
  raisedAt: string;
  category: ConcernCategory;
  summary?: string;
}

export interface ClientLine {
  type: "client";
  id: string;
  council: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  sex?: RecordedSex;
  postcode?: string;
  nhsNumber?: string;
}

export interface EpisodeLine {
  type: "episode";
  id: string;
  council: string;
  clientId: string;
  kind: EpisodeKind;
  startedAt: string;
  endedAt?: string;
  outcome?: string;
  category?: PlanCategory;
  summary?: string;
}

export interface EpisodeInvolvementLine {
  type: "episodeInvolvement";
  episodeId: string;
  clientId: string;
  role: EpisodeRole;
}

export interface HouseholdMemberLine {
  type: "householdMember";
  clientId: string;
  memberClientId: string;
  relationship: HouseholdRelationship;
}

export type PoliceLine = NominalLine | OccurrenceLine | InvolvementLine | DashAssessmentLine | MaracReferralLine;
export type HealthLine = PatientLine | EncounterLine | SafeguardingConcernLine;
export type CareLine = ClientLine | EpisodeLine | EpisodeInvolvementLine | HouseholdMemberLine;
export type DemoLine = PoliceLine | HealthLine | CareLine;

/** One line of one agency's file; a person record also names the true person it was recorded from. */
export type DemoRecord =
  | { agency: "police"; line: PoliceLine; person?: Person }
  | { agency: "health"; line: HealthLine; person?: Person }
  | { agency: "social-care"; line: CareLine; person?: Person };

/**
 * The record types of each file in the order they are written: people first, then events, then the
 * records that tie people to events — the order of docs/import-format.md — so every reference
 * points at an earlier line.
 */
export const FILE_RECORD_TYPES = {
  police: ["nominal", "occurrence", "involvement", "dashAssessment", "maracReferral"],
  health: ["patient", "encounter", "safeguardingConcern"],
  "social-care": ["client", "episode", "episodeInvolvement", "householdMember"],
} as const satisfies Record<DemoAgency, readonly DemoLine["type"][]>;

export const DEMO_AGENCIES: readonly DemoAgency[] = ["police", "health", "social-care"];
