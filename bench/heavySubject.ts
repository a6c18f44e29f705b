/**
 * A synthetic victim with 500 events across three agencies, for bench/risk.ts: a police nominal, a
 * health patient and a social-care client with one name, date of birth and NHS number, so that
 * identity links them; 296 occurrences and 4 MARAC referrals over six years, more frequent towards
 * the end, with three successive partners as suspects or offenders; 144 encounters and 6
 * safeguarding concerns; 50 care episodes. The same lines for a seed on every run.
 */
import { Random, type CareLine, type HealthLine, type PoliceCategory, type PoliceLine } from "@tessera/demo";
import { isValidNhsNumber, type ServiceDatabase } from "@tessera/kit";

/** Each agency's events, as the caller sees them. */
export const HEAVY = { police: 300, health: 150, "social-care": 50 } as const;
export const HEAVY_EVENTS = HEAVY.police + HEAVY.health + HEAVY["social-care"];
const DAY = 86_400_000;
/** Six years of history, ending before the demonstration data's own as-of date. */
const HISTORY = { from: Date.parse("2020-11-01T00:00:00Z"), to: Date.parse("2026-10-31T00:00:00Z") };
const PERSON = { givenNames: "Rosamund", familyName: "Quillfeather", dateOfBirth: "1987-05-19", sex: "FEMALE", postcode: "EV7 2HX" } as const;
export const HEAVY_IDS = { nominal: "EVP-RB-N-1", patient: "EVT-RB-P-1", client: "EVC-RB-C-1" } as const;

export type Lines = { police: PoliceLine[]; health: HealthLine[]; "social-care": CareLine[] };

const POLICE_KINDS: readonly (readonly [PoliceCategory, number])[] = [
  ["DOMESTIC_INCIDENT", 30], ["COMMON_ASSAULT", 14], ["ASSAULT_OCCASIONING_ABH", 8], ["GBH", 2], ["THREATS_TO_KILL", 3], ["STALKING_HARASSMENT", 8],
  ["COERCIVE_CONTROL", 6], ["SEXUAL_ASSAULT", 2], ["RAPE", 1], ["CRIMINAL_DAMAGE", 10], ["BREACH_OF_ORDER", 8], ["OTHER", 8],
];
const ABUSE_KINDS = new Set<PoliceCategory>(["DOMESTIC_INCIDENT", "COMMON_ASSAULT", "ASSAULT_OCCASIONING_ABH", "GBH", "THREATS_TO_KILL", "STALKING_HARASSMENT", "COERCIVE_CONTROL", "SEXUAL_ASSAULT", "RAPE"]);

/**
 * A victim's six years across three agencies, more frequent towards the end (escalation), with
 * three successive partners as suspects or offenders; the same lines for a seed on every run.
 */
export function heavySubjectLines(seed: number, nhsNumber: string): Lines {
  const random = new Random(seed ^ 0x5eed);
  // Later times more likely: the square root of a uniform draw leans towards 1.
  const when = () => Math.round(HISTORY.from + (HISTORY.to - HISTORY.from) * Math.sqrt(random.next()));
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const period = (ms: number) => Math.min(2, Math.floor((3 * (ms - HISTORY.from)) / (HISTORY.to - HISTORY.from)));
  const lines: Lines = { police: [], health: [], "social-care": [] };
  const partners = [
    { id: "EVP-RB-N-2", givenNames: "Dominic", familyName: "Harrowgate", dateOfBirth: "1984-02-07" },
    { id: "EVP-RB-N-3", givenNames: "Lucas", familyName: "Pembleton", dateOfBirth: "1985-10-30" },
    { id: "EVP-RB-N-4", givenNames: "Rory", familyName: "Castlewick", dateOfBirth: "1983-06-12" },
  ];
  const address = { line1: "17 Larch Close", postcode: PERSON.postcode, from: "2019-04-01" };
  lines.police.push({ type: "nominal", id: HEAVY_IDS.nominal, force: "EVP", givenNames: PERSON.givenNames, familyName: PERSON.familyName, dateOfBirth: PERSON.dateOfBirth, sex: PERSON.sex, addresses: [address] });
  for (const partner of partners) lines.police.push({ type: "nominal", force: "EVP", sex: "MALE", addresses: [{ postcode: "EV3 4RT" }], ...partner });

  const occurrences = HEAVY.police - 4;
  const victimOf: { id: string; at: number }[] = [];
  const links: PoliceLine[] = [];
  for (let index = 1; index <= occurrences; index += 1) {
    const at = when();
    const kind = random.weighted(POLICE_KINDS);
    const domesticAbuse = ABUSE_KINDS.has(kind) ? random.chance(0.8) : random.chance(0.15);
    // The first year in Northmoor, before she moved: a cross-border history.
    const force = at < HISTORY.from + 365 * DAY ? "NMC" : "EVP";
    const id = `${force}-RB-O-${String(index).padStart(3, "0")}`;
    lines.police.push({ type: "occurrence", id, force, category: kind, domesticAbuse, occurredAt: iso(at), reportedAt: iso(at + random.int(10, 90) * 60_000), location: { description: "home address", postcode: PERSON.postcode }, summary: "Synthetic benchmark occurrence" });
    const role = domesticAbuse ? (random.chance(0.9) ? "VICTIM" : "WITNESS") : random.pick(["VICTIM", "WITNESS", "OTHER"] as const);
    links.push({ type: "involvement", occurrenceId: id, nominalId: HEAVY_IDS.nominal, role });
    if (domesticAbuse && role === "VICTIM") {
      victimOf.push({ id, at });
      links.push({ type: "involvement", occurrenceId: id, nominalId: partners[period(at)]!.id, role: random.chance(0.3) ? "OFFENDER" : "SUSPECT" });
      if (random.chance(0.4)) {
        // Risk factors grow over the years: more YES answers later.
        const yes = 0.15 + 0.45 * ((at - HISTORY.from) / (HISTORY.to - HISTORY.from));
        const answers = Array.from({ length: 27 }, () => (random.chance(yes) ? "YES" : random.chance(0.8) ? "NO" : "NOT_KNOWN") as "YES" | "NO" | "NOT_KNOWN");
        const yesCount = answers.filter((answer) => answer === "YES").length;
        links.push({ type: "dashAssessment", id: `${id}-D`, occurrenceId: id, victimNominalId: HEAVY_IDS.nominal, assessedAt: iso(at + 3_600_000), tool: "DASH", answers, officerGrading: yesCount >= 14 ? "HIGH" : yesCount >= 10 ? "MEDIUM" : "STANDARD" });
      }
    }
  }
  const criteria = ["REPEAT", "POTENTIAL_ESCALATION", "PROFESSIONAL_JUDGEMENT", "VISIBLE_HIGH_RISK"] as const;
  const referred = victimOf.filter((o) => o.at < HISTORY.to - 10 * DAY).sort((a, b) => a.at - b.at);
  criteria.forEach((criterion, index) => {
    const occurrence = referred[Math.floor(((index + 1) * referred.length) / (criteria.length + 1))]!;
    links.push({ type: "maracReferral", id: `EVP-RB-M-${index + 1}`, victimNominalId: HEAVY_IDS.nominal, occurrenceId: occurrence.id, referredAt: iso(occurrence.at + 3 * DAY), criterion });
  });
  lines.police.push(...links);

  lines.health.push({ type: "patient", id: HEAVY_IDS.patient, trust: "EVT", nhsNumber, givenNames: PERSON.givenNames, familyName: PERSON.familyName, dateOfBirth: PERSON.dateOfBirth, sex: PERSON.sex, postcode: PERSON.postcode, registeredPractice: "Y05555" });
  const injuries: { id: string; at: number }[] = [];
  const encounters = HEAVY.health - 6;
  for (let index = 1; index <= encounters; index += 1) {
    const at = when();
    const setting = random.weighted([["EMERGENCY_DEPARTMENT", 35], ["MINOR_INJURY_UNIT", 15], ["GP", 40], ["MATERNITY", 5], ["SEXUAL_ASSAULT_REFERRAL_CENTRE", 5]] as const);
    const injury = (setting === "EMERGENCY_DEPARTMENT" || setting === "MINOR_INJURY_UNIT") && random.chance(0.5);
    const id = `EVT-RB-E-${String(index).padStart(3, "0")}`;
    if (injury) injuries.push({ id, at });
    lines.health.push({ type: "encounter", id, patientId: HEAVY_IDS.patient, trust: "EVT", setting, occurredAt: iso(at), presentingComplaint: injury ? "Fall at home" : "Review", injury, ...(injury ? { injuryDescription: "Bruising to forearm" } : {}), disclosedAbuse: random.chance(0.15) });
  }
  injuries.sort((a, b) => a.at - b.at);
  for (let index = 0; index < 6; index += 1) {
    const encounter = injuries[Math.floor(((index + 1) * injuries.length) / 7)]!;
    lines.health.push({ type: "safeguardingConcern", id: `EVT-RB-S-${index + 1}`, patientId: HEAVY_IDS.patient, encounterId: encounter.id, raisedAt: iso(encounter.at + 2 * 3_600_000), category: "DOMESTIC_ABUSE", summary: "IDVA referral offered" });
  }

  lines["social-care"].push({ type: "client", id: HEAVY_IDS.client, council: "EVC", givenNames: PERSON.givenNames, familyName: PERSON.familyName, dateOfBirth: PERSON.dateOfBirth, sex: PERSON.sex, postcode: PERSON.postcode, nhsNumber });
  for (let index = 1; index <= HEAVY["social-care"]; index += 1) {
    const at = when();
    const kind = random.weighted([["REFERRAL", 40], ["CHILD_IN_NEED", 20], ["SECTION_47_ENQUIRY", 15], ["CHILD_PROTECTION_PLAN", 10], ["SECTION_42_ENQUIRY", 15]] as const);
    const ended = at + random.int(10, 120) * DAY;
    lines["social-care"].push({
      type: "episode",
      id: `EVC-RB-EP-${String(index).padStart(2, "0")}`,
      council: "EVC",
      clientId: HEAVY_IDS.client,
      kind,
      startedAt: iso(at),
      ...(ended < HISTORY.to ? { endedAt: iso(ended) } : {}),
      ...(kind === "CHILD_PROTECTION_PLAN" ? { category: random.pick(["NEGLECT", "EMOTIONAL_ABUSE", "MULTIPLE"] as const) } : {}),
      outcome: "Recorded",
    });
  }
  return lines;
}

/** A synthetic NHS number (the 999 range, never issued) that no record identity holds uses. */
export async function freeNhsNumber(identityDb: ServiceDatabase, seed: number): Promise<string> {
  const random = new Random(seed ^ 0x4e4853);
  for (;;) {
    const candidate = `999${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
    if (!isValidNhsNumber(candidate)) continue;
    const rows = (await identityDb.dataSource.query(`SELECT 1 FROM person_record WHERE nhs_number = $1`, [candidate])) as unknown[];
    if (rows.length === 0) return candidate;
  }
}
