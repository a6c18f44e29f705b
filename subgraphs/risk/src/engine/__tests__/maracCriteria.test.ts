import { maracCriteria, type MaracCriterion } from "../maracCriteria";
import type { RiskEvent } from "../RiskEvent";
import { counterpart, dash, daysBefore, health, input, maracReferral, police, RULES } from "./fixtures";

function criterion(events: RiskEvent[], name: MaracCriterion) {
  return maracCriteria(input(events), RULES).criteria.find((found) => found.criterion === name)!;
}

describe("visible high risk", () => {
  it("is 14 or more yes answers on the latest DASH, not 13", () => {
    expect(criterion([police({ occurredAt: daysBefore(400), dash: dash(14) })], "VISIBLE_HIGH_RISK").met).toBe(true);
    expect(criterion([police({ occurredAt: daysBefore(400), dash: dash(13) })], "VISIBLE_HIGH_RISK")).toMatchObject({
      met: false,
      evidence: "The latest DASH, after the domestic incident of 14 Sep 2025 in EVP, has 13 yes answers; visible high risk is 14 or more.",
    });
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
});

describe("repeat", () => {
  const perpetrator = counterpart("SUSPECT", "subject-x");
  const referral = maracReferral("VISIBLE_HIGH_RISK", { occurredAt: daysBefore(400), counterparts: [perpetrator] });

  it("is a further incident within 365 days of the last referral, not 366", () => {
    expect(criterion([referral, police({ occurredAt: daysBefore(35), counterparts: [perpetrator] })], "REPEAT").met).toBe(true);
    expect(criterion([referral, police({ occurredAt: daysBefore(34), counterparts: [perpetrator] })], "REPEAT").met).toBe(false);
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
});

describe("referralIndicated", () => {
  it("follows a met criterion", () => {
    const result = maracCriteria(input([police({ occurredAt: daysBefore(10), dash: dash(16) })]), RULES);
    expect(result.referralIndicated).toBe(true);
    expect(result.indication).toBe("Referral indicated: visible high risk is met.");
  });

  it("is not indicated without a criterion or a HIGH assessment", () => {
    const result = maracCriteria(input([police({ occurredAt: daysBefore(10) })]), RULES);
    expect(result).toMatchObject({ referralIndicated: false, assessedLevel: "STANDARD" });
  });
});
