import { makePncId } from "@tessera/kit";
import { region } from "./areas";
import type { DashAnswer, DemoRecord } from "./format";
import { FEMALE_NAMES, MALE_NAMES, type GivenName } from "./names";
import type { Person } from "./people";
import { dateInstant } from "./time";

/**
 * Tessera's founding story (DESIGN.md): Penelope Ashworth and her partner Daniel Rourke. In
 * Northmoor (force NMC) two low-level domestic incidents, a standard DASH, two emergency department
 * attendances (at the second she names "Dan") and a referral about their daughter — none crossing
 * a threshold. They move to Eastvale (EVP), which records her exactly as Northmoor did, him as a
 * new nominal "Danny Rourke" with day and month of birth transposed and no PNC ID, and sees a
 * "first" assault graded standard. Fixed ids (the `S` series never clashes with the population's
 * numbers), so tests and the demonstration can name every record.
 */
export const SCENARIO = {
  penelope: {
    personId: "SCENARIO-PENELOPE",
    givenNames: "Penelope",
    familyName: "Ashworth",
    dateOfBirth: "1991-03-14",
    nhsNumber: "9434765919",
    policeA: "NMC-N-S1",
    policeB: "EVP-N-S1",
    health: "NVH-P-S1",
    socialCare: "NMB-C-S1",
  },
  daniel: {
    personId: "SCENARIO-DANIEL",
    givenNames: "Daniel",
    familyName: "Rourke",
    dateOfBirth: "1988-11-02",
    pncId: makePncId(2007, 3_141_592),
    policeA: "NMC-N-S2",
    policeB: "EVP-N-S2",
    /** How Eastvale recorded him: a short form and day and month transposed. */
    recordedInB: { givenNames: "Danny", dateOfBirth: "1988-02-11" },
    socialCare: "NMB-C-S2",
  },
  child: {
    personId: "SCENARIO-CHILD",
    givenNames: "Lily",
    familyName: "Rourke",
    dateOfBirth: "2018-06-21",
    socialCare: "NMB-C-S3",
  },
  occurrences: { firstIncident: "NMC-O-S1", secondIncident: "NMC-O-S2", assault: "EVP-O-S1" },
  dashAssessments: { forceA: "NMC-D-S1", forceB: "EVP-D-S1" },
  encounters: { fall: "NVH-E-S1", disclosure: "NVH-E-S2" },
  referral: "NMB-EP-S1",
  /** The latest instant in the scenario: `asOf` must not be before it. */
  lastRecordedAt: "2026-10-18T23:30:00Z",
} as const;

const NORTHMOOR_HOME = { line1: "4 Mill Lane", postcode: "NM1 4QT", from: "2019-05-01" };
const EASTVALE_HOME = { line1: "27 Larch Close", postcode: "EV3 8HD", from: "2026-06-01" };

function givenName(list: readonly GivenName[], name: string): GivenName {
  return list.find((entry) => entry.name === name) ?? { name, shortForms: [] };
}

function truePerson(id: string, sex: "FEMALE" | "MALE", given: GivenName, familyName: string, dateOfBirth: string, extra: Partial<Person> = {}): Person {
  const northmoor = region("NMC");
  return {
    id,
    sex,
    givenName: given,
    middleName: undefined,
    familyName,
    dateOfBirth,
    born: dateInstant(dateOfBirth),
    home: { region: northmoor, line1: NORTHMOOR_HOME.line1, postcode: NORTHMOOR_HOME.postcode, since: dateInstant(NORTHMOOR_HOME.from) },
    nhsNumber: undefined,
    pncId: undefined,
    pncForce: undefined,
    ...extra,
  };
}

/** `yes` YES answers first, the rest NO: 27 answers in all, as the police DASH has. */
function dashAnswers(yes: number): DashAnswer[] {
  return Array.from({ length: 27 }, (_, question) => (question < yes ? "YES" : "NO"));
}

/** The scenario's records, every agency's, in the order they happened. */
export function scenarioRecords(): DemoRecord[] {
  const { penelope: p, daniel: d, child: c } = SCENARIO;
  const penelope = truePerson(p.personId, "FEMALE", givenName(FEMALE_NAMES, p.givenNames), p.familyName, p.dateOfBirth, { nhsNumber: p.nhsNumber });
  const daniel = truePerson(d.personId, "MALE", givenName(MALE_NAMES, d.givenNames), d.familyName, d.dateOfBirth, { pncId: d.pncId, pncForce: "NMC" });
  const child = truePerson(c.personId, "FEMALE", givenName(FEMALE_NAMES, c.givenNames), c.familyName, c.dateOfBirth);
  const { occurrences: o, dashAssessments: dash, encounters: e } = SCENARIO;
  return [
    // Northmoor Constabulary
    { agency: "police", person: penelope, line: { type: "nominal", id: p.policeA, force: "NMC", givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth, sex: "FEMALE", addresses: [NORTHMOOR_HOME] } },
    { agency: "police", person: daniel, line: { type: "nominal", id: d.policeA, force: "NMC", givenNames: d.givenNames, familyName: d.familyName, dateOfBirth: d.dateOfBirth, sex: "MALE", pncId: d.pncId, addresses: [NORTHMOOR_HOME] } },
    { agency: "police", line: { type: "occurrence", id: o.firstIncident, force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true, occurredAt: "2023-09-16T22:40:00Z", reportedAt: "2023-09-16T22:58:00Z", location: { description: "home address", postcode: NORTHMOOR_HOME.postcode }, summary: "Verbal argument reported by neighbour" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.firstIncident, nominalId: p.policeA, role: "VICTIM" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.firstIncident, nominalId: d.policeA, role: "SUSPECT" } },
    // Northmoor Valley Hospitals: a "fall"
    { agency: "health", person: penelope, line: { type: "patient", id: p.health, trust: "NVH", nhsNumber: p.nhsNumber, givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth, sex: "FEMALE", postcode: NORTHMOOR_HOME.postcode, registeredPractice: "Y01234" } },
    { agency: "health", line: { type: "encounter", id: e.fall, patientId: p.health, trust: "NVH", setting: "EMERGENCY_DEPARTMENT", occurredAt: "2023-11-04T01:10:00Z", presentingComplaint: "Fall at home", injury: true, injuryDescription: "Bruising to left forearm", disclosedAbuse: false } },
    // The second incident, assessed standard risk
    { agency: "police", line: { type: "occurrence", id: o.secondIncident, force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true, occurredAt: "2024-05-25T23:15:00Z", reportedAt: "2024-05-25T23:31:00Z", location: { description: "home address", postcode: NORTHMOOR_HOME.postcode }, summary: "Shouting heard, both parties say argument only" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.secondIncident, nominalId: p.policeA, role: "VICTIM" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.secondIncident, nominalId: d.policeA, role: "SUSPECT" } },
    { agency: "police", line: { type: "dashAssessment", id: dash.forceA, occurrenceId: o.secondIncident, victimNominalId: p.policeA, assessedAt: "2024-05-26T00:30:00Z", tool: "DASH", answers: dashAnswers(6), officerGrading: "STANDARD" } },
    // A disclosure in the emergency department, naming "Dan"
    { agency: "health", line: { type: "encounter", id: e.disclosure, patientId: p.health, trust: "NVH", setting: "EMERGENCY_DEPARTMENT", occurredAt: "2024-08-10T02:05:00Z", presentingComplaint: "Facial injury, says walked into door", injury: true, injuryDescription: "Swelling and bruising to right cheek", disclosedAbuse: true, allegedPerpetratorName: "Dan" } },
    // Northmoor Borough Council: a referral about their daughter
    { agency: "social-care", person: penelope, line: { type: "client", id: p.socialCare, council: "NMB", givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth, sex: "FEMALE", postcode: NORTHMOOR_HOME.postcode } },
    { agency: "social-care", person: daniel, line: { type: "client", id: d.socialCare, council: "NMB", givenNames: d.givenNames, familyName: d.familyName, dateOfBirth: d.dateOfBirth, sex: "MALE", postcode: NORTHMOOR_HOME.postcode } },
    { agency: "social-care", person: child, line: { type: "client", id: c.socialCare, council: "NMB", givenNames: c.givenNames, familyName: c.familyName, dateOfBirth: c.dateOfBirth, sex: "FEMALE", postcode: NORTHMOOR_HOME.postcode } },
    { agency: "social-care", line: { type: "episode", id: SCENARIO.referral, council: "NMB", clientId: c.socialCare, kind: "REFERRAL", startedAt: "2024-09-03T10:00:00Z", endedAt: "2024-09-20T16:00:00Z", outcome: "No further action", summary: "School reports child disclosed shouting at home" } },
    { agency: "social-care", line: { type: "episodeInvolvement", episodeId: SCENARIO.referral, clientId: p.socialCare, role: "PARENT_OR_CARER" } },
    { agency: "social-care", line: { type: "episodeInvolvement", episodeId: SCENARIO.referral, clientId: d.socialCare, role: "PARENT_OR_CARER" } },
    { agency: "social-care", line: { type: "householdMember", clientId: p.socialCare, memberClientId: c.socialCare, relationship: "PARENT_OF" } },
    { agency: "social-care", line: { type: "householdMember", clientId: d.socialCare, memberClientId: c.socialCare, relationship: "PARENT_OF" } },
    { agency: "social-care", line: { type: "householdMember", clientId: p.socialCare, memberClientId: d.socialCare, relationship: "PARTNER_OF" } },
    // Eastvale Police, after the move: she is recorded as before, he as someone new
    { agency: "police", person: penelope, line: { type: "nominal", id: p.policeB, force: "EVP", givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth, sex: "FEMALE", addresses: [EASTVALE_HOME] } },
    { agency: "police", person: daniel, line: { type: "nominal", id: d.policeB, force: "EVP", givenNames: d.recordedInB.givenNames, familyName: d.familyName, dateOfBirth: d.recordedInB.dateOfBirth, sex: "MALE", addresses: [EASTVALE_HOME] } },
    { agency: "police", line: { type: "occurrence", id: o.assault, force: "EVP", category: "COMMON_ASSAULT", domesticAbuse: true, occurredAt: "2026-10-18T21:50:00Z", reportedAt: "2026-10-18T22:20:00Z", location: { description: "home address", postcode: EASTVALE_HOME.postcode }, summary: "Victim pushed during argument" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.assault, nominalId: p.policeB, role: "VICTIM" } },
    { agency: "police", line: { type: "involvement", occurrenceId: o.assault, nominalId: d.policeB, role: "SUSPECT" } },
    { agency: "police", line: { type: "dashAssessment", id: dash.forceB, occurrenceId: o.assault, victimNominalId: p.policeB, assessedAt: SCENARIO.lastRecordedAt, tool: "DASH", answers: dashAnswers(5), officerGrading: "STANDARD" } },
  ];
}
