import { assessRisk } from "../assessRisk";
import { associates } from "../associates";
import { chronology } from "../chronology";
import { maracCriteria } from "../maracCriteria";
import { perpetratorProfile } from "../perpetratorProfile";
import { ALL_VISIBLE, RULES } from "./fixtures";
import { DANIEL, danielEvents, EASTVALE_ASSAULT, EASTVALE_ONLY, LILY, PENELOPE, SCENARIO_EVENTS, SCENARIO_NOW } from "./scenario";

/** DESIGN.md's story: what Eastvale sees alone, and what every agency and force together show. */
describe("the Ashworth / Rourke scenario", () => {
  const everything = { subjectId: PENELOPE, events: SCENARIO_EVENTS, sources: ALL_VISIBLE, now: SCENARIO_NOW };
  const eastvaleAlone = { subjectId: PENELOPE, events: [EASTVALE_ASSAULT], sources: EASTVALE_ONLY, now: SCENARIO_NOW };
  const perpetrators = [{ subjectId: DANIEL, events: danielEvents() }];

  it("is at least STANDARD in Eastvale's view alone: a 'first' assault with a standard DASH, and health and social care unseen", () => {
    const assessment = assessRisk(eastvaleAlone, RULES, perpetrators);
    expect(assessment).toMatchObject({ level: "STANDARD", completeness: "PARTIAL" });
    expect(assessment.reasons.map((reason) => reason.ruleId)).toEqual(["dash.bands", "recency"]);
    expect(assessment.basis.agenciesNotSeen.map((source) => source.agency)).toEqual(["health", "social-care"]);
    expect(assessment.summary).toMatch(/^At least STANDARD — health and social care were not visible and could raise it\./);
    expect(assessment.summary).toContain("Not seen: health");
    expect(assessment.headline).toBe("At least STANDARD — health and social care not seen; latest incident less than a day ago");
  });

  it("is HIGH with every agency and force, for reasons naming each part of the history", () => {
    const assessment = assessRisk(everything, RULES, perpetrators);
    expect(assessment).toMatchObject({ level: "HIGH", completeness: "COMPLETE" });
    expect(assessment.headline).toBe("HIGH — three incidents in five years; two injuries seen by health; harm escalating; history in two forces");
    expect(assessment.computedLevel).toBe("HIGH");
    expect(assessment.floor).toBe("STANDARD");
    const statement = (ruleId: string) => assessment.reasons.find((reason) => reason.ruleId === ruleId)?.statement ?? "";
    // Force A's history, and that it is in two forces.
    expect(statement("repeatVictimisation")).toContain("2 in NMC (16 Sep 2023, 25 May 2024) and 1 in EVP (18 Oct 2026)");
    expect(statement("crossBorder")).toContain("2 police force areas");
    // The emergency department injuries.
    expect(statement("health.injuries")).toBe(
      "Injuries seen by health: 2 attendances with an injury recorded in the last 1826 days (emergency department in NVH on 4 Nov 2023 and emergency department in NVH on 10 Aug 2024).",
    );
    // Social care, and the child in the household.
    expect(statement("socialCare.involvement")).toContain("a referral in NMB from 3 Sep 2024, the subject a parent or carer");
    expect(statement("socialCare.involvement")).toContain("children in the household");
    // The escalation: from domestic incidents to an assault.
    expect(statement("escalation.harm")).toContain("Harm rising: the common assault of 18 Oct 2026 in EVP");
    expect(statement("escalation.harm")).toContain("domestic incident of 25 May 2024 in NMC");
    expect(assessment.reasons.find((reason) => reason.ruleId === "serialPerpetrator")).toBeUndefined();
    expect(assessment.basis).toMatchObject({ agenciesSeen: ["health", "police", "social-care"], agenciesNotSeen: [], areas: ["EVP", "NMB", "NMC", "NVH"], ruleSetVersion: RULES.version });
  });

  it("indicates a MARAC referral though no criterion is met on the records alone", () => {
    const marac = maracCriteria(everything, RULES, perpetrators);
    expect(marac.criteria.map((criterion) => [criterion.criterion, criterion.met])).toEqual([
      ["VISIBLE_HIGH_RISK", false],
      ["POTENTIAL_ESCALATION", false],
      ["REPEAT", false],
      ["PROFESSIONAL_JUDGEMENT", false],
    ]);
    expect(marac.referralIndicated).toBe(true);
    expect(marac.indication).toContain("professional judgement");
    expect(maracCriteria(eastvaleAlone, RULES)).toMatchObject({ referralIndicated: false, indication: expect.stringMatching(/^Referral not indicated by what you can see: health and social care were not visible/) });
  });

  it("shows the move and the gap in the chronology", () => {
    const entries = chronology(everything, RULES);
    expect(entries.map((entry) => entry.event.id)).toEqual(["NMC-O-S1", "NVH-E-S1", "NMC-O-S2", "NVH-E-S2", "NMB-EP-S1", "EVP-O-S1"]);
    const kinds = Object.fromEntries(entries.map((entry) => [entry.event.id, entry.turningPoints.map((point) => point.kind)]));
    expect(kinds).toEqual({
      "NMC-O-S1": ["FIRST_CONTACT_AGENCY"],
      "NVH-E-S1": ["FIRST_CONTACT_AGENCY", "FIRST_INJURY"],
      "NMC-O-S2": ["GAP"],
      "NVH-E-S2": [],
      "NMB-EP-S1": ["FIRST_CONTACT_AGENCY"],
      "EVP-O-S1": ["GAP", "FIRST_CONTACT_AREA", "ESCALATION"],
    });
    expect(entries[5]!.turningPoints[1]!.note).toBe("First police record in EVP; the earlier police records are in NMC.");
  });

  it("profiles Daniel as suspect in two forces against one victim: not a serial perpetrator", () => {
    const profile = perpetratorProfile({ subjectId: DANIEL, events: danielEvents(), sources: ALL_VISIBLE, now: SCENARIO_NOW }, RULES);
    expect(profile).toMatchObject({ distinctVictims: 1, victims: [PENELOPE], serialPerpetrator: false, incidentsTotal: 3, harm: 5, areas: ["NMC", "EVP"] });
  });

  it("finds Daniel and Lily as associates", () => {
    const found = associates(everything);
    expect(found.map((associate) => [associate.subjectId, associate.relationships])).toEqual([
      [DANIEL, ["VICTIM_OF", "HOUSEHOLD_MEMBER"]],
      [LILY, ["HOUSEHOLD_MEMBER"]],
    ]);
    expect(found[0]!.records).toEqual([
      { agency: "police", localId: "NMC-N-S2" },
      { agency: "social-care", localId: "NMB-C-S2" },
      { agency: "police", localId: "EVP-N-S2" },
    ]);
  });
});
