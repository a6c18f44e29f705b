import { maracCriteria, type MaracCriterion } from "../maracCriteria";
import type { RiskEvent } from "../RiskEvent";
import type { RuleSet } from "../ruleSet";
import { copyOf, counterpart, dash, daysBefore, health, input, maracReferral, police, RULES, RULES_V1 } from "./fixtures";

function criterion(events: RiskEvent[], name: MaracCriterion, ruleSet: RuleSet = RULES) {
  return maracCriteria(input(events), ruleSet).criteria.find((found) => found.criterion === name)!;
}

/** An A&E attendance at which she disclosed abuse (health's DISCLOSURE_OF_ABUSE marker). */
function disclosure(days: number, fields: Partial<RiskEvent> = {}): RiskEvent {
  return health({ occurredAt: daysBefore(days), injury: false, markers: ["DISCLOSURE_OF_ABUSE"], ...fields });
}

describe("visible high risk", () => {
  it("is 14 or more yes answers on the latest DASH, not 13", () => {
    expect(criterion([police({ occurredAt: daysBefore(300), dash: dash(14) })], "VISIBLE_HIGH_RISK").met).toBe(true);
    expect(criterion([police({ occurredAt: daysBefore(300), dash: dash(13) })], "VISIBLE_HIGH_RISK")).toMatchObject({
      met: false,
      evidence: "The latest DASH, after the domestic incident of 23 Dec 2025 in EVP, has 13 yes answers; visible high risk is 14 or more.",
    });
  });

  it("reads the current checklist only: a DASH of 20 from 2018 is not visible high risk in 2026", () => {
    expect(criterion([police({ occurredAt: daysBefore(365), dash: dash(20) })], "VISIBLE_HIGH_RISK").met).toBe(true);
    expect(criterion([police({ occurredAt: new Date("2018-05-01T10:00:00Z"), dash: dash(20) })], "VISIBLE_HIGH_RISK")).toMatchObject({
      met: false,
      evidence: expect.stringMatching(/^The latest DASH, after the domestic incident of 1 May 2018 in EVP, is \d+ days old, older than the 365 days a checklist stands for/),
    });
    expect(criterion([police({ occurredAt: new Date("2018-05-01T10:00:00Z"), dash: dash(20) })], "VISIBLE_HIGH_RISK", RULES_V1).met).toBe(true);
  });

  it("cannot be read from a DARA", () => {
    expect(criterion([police({ occurredAt: daysBefore(10), dash: dash(null, "HIGH", "DARA") })], "VISIBLE_HIGH_RISK")).toMatchObject({ met: false, evidence: expect.stringContaining("DARA's scoring is not public") });
  });
});

describe("potential escalation", () => {
  const nmc = (days: number) => police({ occurredAt: daysBefore(days), area: "NMC" });

  it("is 3 police-reported incidents in 365 days: the first exactly 365 days ago counts, 366 does not", () => {
    expect(criterion([nmc(365), nmc(200), nmc(10)], "POTENTIAL_ESCALATION").met).toBe(true);
    expect(criterion([nmc(366), nmc(200), nmc(10)], "POTENTIAL_ESCALATION")).toMatchObject({
      met: false,
      evidence: expect.stringMatching(/^2 police-reported domestic abuse incidents in the 365 days to 19 Oct 2026: 2 in NMC .*; the criterion in NMC, the force of the latest police record, is 3 or more in 365 days\.$/),
    });
  });

  it("takes the count and window of the area of the latest police event (Eastvale: 3 in 183 days)", () => {
    const evp = (days: number) => police({ occurredAt: daysBefore(days), area: "EVP" });
    expect(criterion([evp(183), evp(100), evp(10)], "POTENTIAL_ESCALATION").met).toBe(true);
    expect(criterion([evp(184), evp(100), evp(10)], "POTENTIAL_ESCALATION").met).toBe(false);
    // The same history, with the latest incident recorded in Northmoor: Northmoor's 365 days apply.
    expect(criterion([evp(184), evp(100), nmc(10)], "POTENTIAL_ESCALATION").met).toBe(true);
  });

  it("does not count incidents reported to other agencies", () => {
    const concerns = [300, 200, 100].map((days) => health({ occurredAt: daysBefore(days), kind: "SAFEGUARDING_CONCERN", injury: false }));
    expect(criterion(concerns, "POTENTIAL_ESCALATION").met).toBe(false);
  });

  it("counts disclosures to other agencies in an area whose figures say so", () => {
    const ruleSet = copyOf(RULES);
    const counting = { NMC: { "marac.potentialEscalation": { countsDisclosures: true, source: "a test area whose MARAC counts disclosures" } } };
    const events = [nmc(300), disclosure(200), disclosure(100, { kind: "SAFEGUARDING_CONCERN" })];
    expect(criterion(events, "POTENTIAL_ESCALATION").met).toBe(false);
    const found = maracCriteria(input(events), { ...ruleSet, areas: { ...ruleSet.areas, ...counting } }).criteria.find((c) => c.criterion === "POTENTIAL_ESCALATION")!;
    expect(found).toMatchObject({ met: true, evidence: expect.stringContaining("2 were disclosed to another agency, which this area counts.") });
  });
});

describe("repeat", () => {
  const perpetrator = counterpart("SUSPECT", "subject-x");
  const referral = maracReferral("VISIBLE_HIGH_RISK", { occurredAt: daysBefore(400), counterparts: [perpetrator] });

  it("is a further incident within 365 days of the last referral, not 366", () => {
    expect(criterion([referral, police({ occurredAt: daysBefore(35), counterparts: [perpetrator] })], "REPEAT").met).toBe(true);
    expect(criterion([referral, police({ occurredAt: daysBefore(34), counterparts: [perpetrator] })], "REPEAT").met).toBe(false);
  });

  it("needs the further incident within 12 months of the LAST referral: a 2017 referral's incidents do not make a repeat in 2026", () => {
    const old = maracReferral("VISIBLE_HIGH_RISK", { occurredAt: new Date("2017-04-01T10:00:00Z"), counterparts: [perpetrator] });
    const then = police({ occurredAt: new Date("2017-09-01T10:00:00Z"), counterparts: [perpetrator] });
    expect(criterion([old, then], "REPEAT")).toMatchObject({ met: false, evidence: expect.stringContaining("longer than the 365 days a repeat stands for") });
    expect(criterion([old, then], "REPEAT", RULES_V1).met).toBe(true);
  });

  it("is met while the further incident is current: 365 days old, not 366", () => {
    const referral = maracReferral("VISIBLE_HIGH_RISK", { occurredAt: daysBefore(500), counterparts: [perpetrator] });
    expect(criterion([referral, police({ occurredAt: daysBefore(365), counterparts: [perpetrator] })], "REPEAT").met).toBe(true);
    expect(criterion([referral, police({ occurredAt: daysBefore(366), counterparts: [perpetrator] })], "REPEAT").met).toBe(false);
  });

  it("counts a disclosure to any agency: an A&E disclosure naming her abuser after a MARAC referral is a repeat", () => {
    const named = disclosure(20, { counterparts: [counterpart("ALLEGED_PERPETRATOR", "subject-x", "NVH-P-9", "health")] });
    expect(criterion([maracReferral("VISIBLE_HIGH_RISK", { occurredAt: daysBefore(100), counterparts: [perpetrator] }), named], "REPEAT")).toMatchObject({
      met: true,
      evidence: expect.stringContaining("emergency department (health, NVH,"),
    });
    // Rule set v1 did not read the marker: the same disclosure was "no further incident".
    expect(criterion([maracReferral("VISIBLE_HIGH_RISK", { occurredAt: daysBefore(100), counterparts: [perpetrator] }), disclosure(20)], "REPEAT", RULES_V1).met).toBe(false);
  });

  it("counts an incident disclosed to any agency, and says when the perpetrator is not confirmed", () => {
    const concern = health({ occurredAt: daysBefore(300), kind: "SAFEGUARDING_CONCERN", injury: false });
    expect(criterion([referral, concern], "REPEAT")).toMatchObject({
      met: true,
      evidence: expect.stringContaining("1 of them names no perpetrator identity has resolved, so the same perpetrator is not confirmed."),
    });
  });

  it("sets aside an incident with a different perpetrator", () => {
    const other = police({ occurredAt: daysBefore(300), counterparts: [counterpart("SUSPECT", "subject-y")] });
    expect(criterion([referral, other], "REPEAT")).toMatchObject({ met: false, evidence: expect.stringContaining("1 incident in that time involved a different perpetrator.") });
  });

  it("needs a referral", () => {
    expect(criterion([police({ occurredAt: daysBefore(10) })], "REPEAT").met).toBe(false);
  });
});

describe("professional judgement", () => {
  it("is a MARAC referral on professional judgement, or an officer grading HIGH", () => {
    expect(criterion([maracReferral("PROFESSIONAL_JUDGEMENT", { occurredAt: daysBefore(30) })], "PROFESSIONAL_JUDGEMENT").met).toBe(true);
    expect(criterion([police({ occurredAt: daysBefore(30), dash: dash(4, "HIGH") })], "PROFESSIONAL_JUDGEMENT")).toMatchObject({
      met: true,
      evidence: "The officer graded the latest DASH (EVP, 19 Sep 2026) HIGH.",
    });
    expect(criterion([police({ occurredAt: daysBefore(30), dash: dash(4, "MEDIUM") })], "PROFESSIONAL_JUDGEMENT").met).toBe(false);
  });

  it("reads a current grading only: an officer's HIGH of 2018 is not professional judgement in 2026", () => {
    const graded = police({ occurredAt: new Date("2018-05-01T10:00:00Z"), dash: dash(4, "HIGH") });
    expect(criterion([graded], "PROFESSIONAL_JUDGEMENT")).toMatchObject({ met: false, evidence: expect.stringContaining("no current DASH or DARA is recorded") });
    expect(criterion([graded], "PROFESSIONAL_JUDGEMENT", RULES_V1).met).toBe(true);
  });

  it("is not met by a referral on professional judgement that no longer stands (366 days)", () => {
    expect(criterion([maracReferral("PROFESSIONAL_JUDGEMENT", { occurredAt: daysBefore(366) })], "PROFESSIONAL_JUDGEMENT").met).toBe(false);
  });
});

describe("referralIndicated", () => {
  it("follows a met criterion", () => {
    const result = maracCriteria(input([police({ occurredAt: daysBefore(10), dash: dash(16) })]), RULES);
    expect(result.referralIndicated).toBe(true);
    expect(result.indication).toBe("Referral indicated: visible high risk is met.");
  });

  it("is not indicated without a criterion or a HIGH assessment", () => {
    const result = maracCriteria(input([police({ occurredAt: daysBefore(10) })]), RULES);
    expect(result).toMatchObject({ referralIndicated: false, assessedLevel: "STANDARD", completeness: "COMPLETE" });
    expect(result.indication).toBe("No referral indicated by the records the caller can see; a practitioner may still refer on professional judgement.");
  });

  it("on a partial view, is 'not indicated by what you can see', naming what was not seen", () => {
    const sources = [
      { agency: "police", visible: true, reason: null },
      { agency: "health", visible: false, reason: "withheld" },
      { agency: "social-care", visible: false, reason: "withheld" },
    ];
    const result = maracCriteria(input([police({ occurredAt: daysBefore(10) })], { sources }), RULES);
    expect(result).toMatchObject({ referralIndicated: false, completeness: "PARTIAL" });
    expect(result.indication).toMatch(/^Referral not indicated by what you can see: health and social care were not visible/);
  });
});
