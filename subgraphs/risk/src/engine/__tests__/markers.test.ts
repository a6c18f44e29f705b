import { assessRisk } from "../assessRisk";
import { maracCriteria } from "../maracCriteria";
import type { RiskEvent, RiskInput } from "../RiskEvent";
import type { RuleSet } from "../ruleSet";
import { care, daysBefore, health, him, input, police, RULES, RULES_V1 } from "./fixtures";

function reasons(events: RiskEvent[], fields: Partial<RiskInput> = {}, ruleSet: RuleSet = RULES) {
  return assessRisk(input(events, fields), ruleSet).reasons;
}

function marker(events: RiskEvent[], code: string) {
  return reasons(events).find((reason) => reason.ruleId === `markers.${code}`);
}

const weights = RULES.rules.markers!;

describe("homicide markers from every agency", () => {
  it("count a strangulation disclosed at A&E and one answered yes on a DASH once", () => {
    const dashAnswer = police({ occurredAt: daysBefore(12), kind: "ASSAULT_OCCASIONING_ABH", counterparts: [him()], markers: ["STRANGULATION", "INJURY"] });
    const atAandE = health({ occurredAt: daysBefore(11), markers: ["STRANGULATION", "INJURY", "DISCLOSURE_OF_ABUSE"] });
    const found = reasons([dashAnswer, atAandE]).filter((reason) => reason.ruleId === "markers.STRANGULATION");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ contribution: weights.STRANGULATION!.points, eventIds: [`police/${dashAnswer.id}`, `health/${atAandE.id}`] });
    expect(found[0]!.statement).toMatch(/^Strangling or choking, recorded by police \(assault occasioning ABH in EVP, .*\) and health \(emergency department in NVH, .*\) in the last five years; one marker, counted once/);
  });

  it("weigh each marker on its own", () => {
    const events = [police({ occurredAt: daysBefore(30), counterparts: [him()], markers: ["STALKING", "THREATS_TO_KILL", "WEAPON"] })];
    expect(reasons(events).filter((reason) => reason.ruleId.startsWith("markers.")).map((reason) => [reason.ruleId, reason.contribution])).toEqual([
      ["markers.THREATS_TO_KILL", weights.THREATS_TO_KILL!.points],
      ["markers.WEAPON", weights.WEAPON!.points],
      ["markers.STALKING", weights.STALKING!.points],
    ]);
  });

  it("count within each marker's own window: threats to kill for 365 days, strangulation for 1826", () => {
    expect(marker([police({ occurredAt: daysBefore(365), markers: ["THREATS_TO_KILL"] })], "THREATS_TO_KILL")).toBeDefined();
    expect(marker([police({ occurredAt: daysBefore(366), markers: ["THREATS_TO_KILL"] })], "THREATS_TO_KILL")).toBeUndefined();
    expect(marker([police({ occurredAt: daysBefore(1826), markers: ["STRANGULATION"] })], "STRANGULATION")).toBeDefined();
    expect(marker([police({ occurredAt: daysBefore(1827), markers: ["STRANGULATION"] })], "STRANGULATION")).toBeUndefined();
  });

  it("read a marker the occurrence's category implies, and an abuser recorded as her ex-partner as separation", () => {
    expect(marker([police({ occurredAt: daysBefore(20), kind: "STALKING_HARASSMENT" })], "STALKING")).toBeDefined();
    const exPartner = police({ occurredAt: daysBefore(20), counterparts: [him({ relationship: "EX_PARTNER" })] });
    expect(marker([exPartner], "SEPARATION")!.statement).toContain("Recent or intended separation is a trigger on the homicide timeline");
    expect(marker([police({ occurredAt: daysBefore(20), counterparts: [him({ relationship: "CURRENT_PARTNER" })] })], "SEPARATION")).toBeUndefined();
  });

  it("are hers only as the one harmed: a marker on an incident in which she is the suspect is not", () => {
    expect(marker([police({ occurredAt: daysBefore(20), role: "SUSPECT", markers: ["WEAPON"] })], "WEAPON")).toBeUndefined();
    expect(marker([police({ occurredAt: daysBefore(20), role: "WITNESS", markers: ["WEAPON"] })], "WEAPON")).toBeUndefined();
  });

  it("make a non-fatal strangulation of the last year, told only to A&E, a HIGH floor and MARAC's professional judgement", () => {
    const police1 = police({ occurredAt: daysBefore(120), dash: { tool: "DASH", yesCount: 4, officerGrading: "STANDARD" }, counterparts: [him()] });
    const atAandE = health({ occurredAt: daysBefore(2), kind: "SAFEGUARDING_CONCERN", markers: ["STRANGULATION", "DISCLOSURE_OF_ABUSE"] });
    const assessment = assessRisk(input([police1, atAandE]), RULES);
    expect(assessment).toMatchObject({ level: "HIGH", floor: "HIGH" });
    expect(assessment.headline).toMatch(/^HIGH — strangling or choking/);
    const judgement = maracCriteria(input([police1, atAandE]), RULES).criteria.find((criterion) => criterion.criterion === "PROFESSIONAL_JUDGEMENT")!;
    expect(judgement).toMatchObject({ met: true, evidence: expect.stringContaining("Strangling or choking recorded on") });
  });

  it("weigh a strangulation of two years ago for its points, not as a floor", () => {
    const found = marker([police({ occurredAt: daysBefore(730), markers: ["STRANGULATION"] })], "STRANGULATION")!;
    expect(found).toMatchObject({ contribution: weights.STRANGULATION!.points, floor: null });
    expect(found.statement).not.toContain("practitioner's judgement");
  });

  it("were not read by rule set v1", () => {
    expect(reasons([police({ occurredAt: daysBefore(20), markers: ["STRANGULATION"] })], {}, RULES_V1).map((reason) => reason.ruleId)).not.toContain("markers.STRANGULATION");
  });
});

describe("signs of crisis seen by health", () => {
  it("weigh an overdose at A&E and self-harm as risk factors", () => {
    const overdose = health({ occurredAt: daysBefore(60), injury: false, markers: ["OVERDOSE"] });
    expect(marker([overdose], "OVERDOSE")).toMatchObject({ contribution: weights.OVERDOSE!.points, statement: expect.stringContaining("An overdose, recorded by health (emergency department in NVH") });
    expect(marker([health({ occurredAt: daysBefore(60), kind: "GP", injury: false, markers: ["SELF_HARM"] })], "SELF_HARM")?.contribution).toBe(weights.SELF_HARM!.points);
  });

  it("count a mental health crisis, and not an attendance that records none", () => {
    expect(marker([health({ occurredAt: daysBefore(60), injury: false, markers: ["MENTAL_HEALTH_CRISIS"] })], "MENTAL_HEALTH_CRISIS")).toBeDefined();
    expect(reasons([health({ occurredAt: daysBefore(60), kind: "GP", injury: false })])).toEqual([]);
  });

  it("count honour-based abuse recorded by social care", () => {
    expect(marker([care({ occurredAt: daysBefore(60), kind: "SECTION_47_ENQUIRY", role: "SUBJECT_OF_CONCERN", markers: ["HONOUR_BASED_ABUSE"] })], "HONOUR_BASED_ABUSE")).toBeDefined();
  });
});

describe("codes the rule set does not weigh", () => {
  it("are read as nothing, whatever their names", () => {
    const odd = police({ occurredAt: daysBefore(20), kind: "constructor", markers: ["toString", "__proto__"] });
    expect(reasons([odd]).filter((reason) => reason.ruleId.startsWith("markers."))).toEqual([]);
  });
});
