import type { RiskEvent, SourceVisibility } from "../RiskEvent";

/**
 * demo/src/scenario.ts as the risk engine receives it: Penelope Ashworth's events from every agency,
 * with identity's links made (Danny Rourke in Eastvale resolved to Daniel's subject, as the identity
 * scenario test shows the model does). Ids are the demo's own.
 */
export const PENELOPE = "subject-penelope";
export const DANIEL = "subject-daniel";
export const LILY = "subject-lily";

const daniel = (localId: string) => ({ role: "SUSPECT", agency: "police", localId, subjectId: DANIEL });

export const NORTHMOOR_INCIDENT: RiskEvent = {
  agency: "police",
  id: "NMC-O-S1",
  area: "NMC",
  occurredAt: new Date("2023-09-16T22:40:00Z"),
  kind: "DOMESTIC_INCIDENT",
  role: "VICTIM",
  counterparts: [daniel("NMC-N-S2")],
  domesticAbuse: true,
  dash: null,
  maracCriterion: null,
};

export const FALL: RiskEvent = {
  agency: "health",
  id: "NVH-E-S1",
  area: "NVH",
  occurredAt: new Date("2023-11-04T01:10:00Z"),
  kind: "EMERGENCY_DEPARTMENT",
  role: "PATIENT",
  // Whom a patient names is withheld, and "Dan" is no patient record identity could resolve.
  counterparts: [],
  injury: true,
  category: null,
};

export const SECOND_INCIDENT: RiskEvent = {
  ...NORTHMOOR_INCIDENT,
  id: "NMC-O-S2",
  occurredAt: new Date("2024-05-25T23:15:00Z"),
  dash: { tool: "DASH", yesCount: 6, officerGrading: "STANDARD" },
};

export const DISCLOSURE: RiskEvent = { ...FALL, id: "NVH-E-S2", occurredAt: new Date("2024-08-10T02:05:00Z") };

export const REFERRAL: RiskEvent = {
  agency: "social-care",
  id: "NMB-EP-S1",
  area: "NMB",
  occurredAt: new Date("2024-09-03T10:00:00Z"),
  kind: "REFERRAL",
  role: "PARENT_OR_CARER",
  counterparts: [
    { role: "SUBJECT_OF_CONCERN", agency: "social-care", localId: "NMB-C-S3", subjectId: LILY },
    { role: "PARENT_OR_CARER", agency: "social-care", localId: "NMB-C-S2", subjectId: DANIEL },
  ],
  category: null,
};

export const EASTVALE_ASSAULT: RiskEvent = {
  agency: "police",
  id: "EVP-O-S1",
  area: "EVP",
  occurredAt: new Date("2026-10-18T21:50:00Z"),
  kind: "COMMON_ASSAULT",
  role: "VICTIM",
  counterparts: [daniel("EVP-N-S2")],
  domesticAbuse: true,
  dash: { tool: "DASH", yesCount: 5, officerGrading: "STANDARD" },
  maracCriterion: null,
};

export const SCENARIO_EVENTS: RiskEvent[] = [NORTHMOOR_INCIDENT, FALL, SECOND_INCIDENT, DISCLOSURE, REFERRAL, EASTVALE_ASSAULT];

/** The morning after the Eastvale assault. */
export const SCENARIO_NOW = new Date("2026-10-19T09:00:00Z");

/** Eastvale's view: its own police records only. */
export const EASTVALE_ONLY: SourceVisibility[] = [
  { agency: "police", visible: true, reason: null },
  { agency: "health", visible: false, reason: "withheld by the health access policy" },
  { agency: "social-care", visible: false, reason: "withheld by the social care access policy" },
];

/** Daniel's own police events: suspect in all three incidents, against Penelope only. */
export function danielEvents(): RiskEvent[] {
  const against = (event: RiskEvent, localId: string): RiskEvent => ({
    ...event,
    role: "SUSPECT",
    dash: null,
    counterparts: [{ role: "VICTIM", agency: "police", localId, subjectId: PENELOPE }],
  });
  return [against(NORTHMOOR_INCIDENT, "NMC-N-S1"), against(SECOND_INCIDENT, "NMC-N-S1"), against(EASTVALE_ASSAULT, "EVP-N-S1")];
}
