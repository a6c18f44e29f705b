import { assessRisk, type RiskAssessmentResult } from "../assessRisk";
import type { RiskEvent, RiskInput } from "../RiskEvent";
import type { RuleSet } from "../ruleSet";
import { care, counterpart, dash, daysBefore, health, input, maracReferral, NOW, police, RULES, RULES_V1 } from "./fixtures";

function assess(events: RiskEvent[], fields: Partial<RiskInput> = {}, perpetrators: { subjectId: string; events: RiskEvent[] }[] = [], ruleSet: RuleSet = RULES): RiskAssessmentResult {
  return assessRisk(input(events, fields), ruleSet, perpetrators);
}

function reason(events: RiskEvent[], ruleId: string, fields: Partial<RiskInput> = {}) {
  return assess(events, fields).reasons.find((found) => found.ruleId === ruleId);
}

/** An incident long enough ago that no recency, frequency or escalation rule sees it, and recent enough that its checklist is current. */
const OLD = 100;

describe("the DASH floor", () => {
  it("keeps a HIGH DASH HIGH with no other evidence", () => {
    const assessment = assess([police({ occurredAt: daysBefore(OLD), dash: dash(14) })]);
    expect(assessment).toMatchObject({ level: "HIGH", computedLevel: "STANDARD", score: 0, floor: "HIGH" });
    expect(assessment.reasons[0]!.statement).toContain("14 yes answers, HIGH on the DASH bands");
  });

  it.each([
    [9, "STANDARD"],
    [10, "MEDIUM"],
    [13, "MEDIUM"],
    [14, "HIGH"],
  ])("reads %i yes answers as %s", (yesCount, level) => {
    expect(assess([police({ occurredAt: daysBefore(OLD), dash: dash(yesCount) })]).level).toBe(level);
  });

  it("never lowers a computed HIGH for a STANDARD DASH", () => {
    const events = [
      police({ occurredAt: daysBefore(300), area: "NMC" }),
      police({ occurredAt: daysBefore(200), area: "NMC" }),
      police({ occurredAt: daysBefore(1), kind: "COMMON_ASSAULT", dash: dash(2, "STANDARD") }),
    ];
    expect(assess(events)).toMatchObject({ level: "HIGH", computedLevel: "HIGH", floor: "STANDARD" });
  });

  it("is raised by the officer's grading, and not lowered by it", () => {
    expect(assess([police({ occurredAt: daysBefore(OLD), dash: dash(3, "HIGH") })]).level).toBe("HIGH");
    expect(assess([police({ occurredAt: daysBefore(OLD), dash: dash(3, "MEDIUM") })]).level).toBe("MEDIUM");
    expect(assess([police({ occurredAt: daysBefore(OLD), dash: dash(15, "STANDARD") })]).level).toBe("HIGH");
  });

  it("never sums a DARA: only its officer grading counts", () => {
    const assessment = assess([police({ occurredAt: daysBefore(OLD), dash: dash(null, "MEDIUM", "DARA") })]);
    expect(assessment.level).toBe("MEDIUM");
    expect(assessment.reasons[0]!.statement).toContain("its scoring is not public");
  });

  it("reads the latest checklist: a newer one supersedes an older", () => {
    const events = [police({ occurredAt: daysBefore(OLD + 100), dash: dash(16) }), police({ occurredAt: daysBefore(OLD), dash: dash(11) })];
    expect(assess(events).floor).toBe("MEDIUM");
  });

  it("is a floor only while current: a checklist 365 days old is one, 366 days old is context", () => {
    expect(assess([police({ occurredAt: daysBefore(365), dash: dash(15) })]).floor).toBe("HIGH");
    const stale = assess([police({ occurredAt: daysBefore(366), dash: dash(15) })]);
    expect(stale).toMatchObject({ level: "STANDARD", floor: null });
    expect(stale.reasons[0]).toMatchObject({ ruleId: "dash.bands", floor: null, contribution: 0 });
    expect(stale.reasons[0]!.statement).toContain("366 days old, older than the 365 days a checklist stands for");
  });

  it("sets no floor in 2026 from a 2018 DASH of 15, for a verbal argument with a new partner", () => {
    const events = [
      police({ occurredAt: new Date("2018-03-02T20:00:00Z"), dash: dash(15, "HIGH"), counterparts: [counterpart("SUSPECT", "subject-ex")] }),
      police({ occurredAt: daysBefore(3), counterparts: [counterpart("SUSPECT", "subject-new-partner")] }),
    ];
    const assessment = assess(events);
    expect(assessment.level).toBe("STANDARD");
    expect(assessment.reasons.find((reason) => reason.ruleId === "dash.bands")!.statement).toContain("context here, not a floor");
  });

  it("takes a newer STANDARD checklist over an older HIGH one at once", () => {
    const events = [police({ occurredAt: daysBefore(60), dash: dash(16, "HIGH") }), police({ occurredAt: daysBefore(50), dash: dash(4, "STANDARD") })];
    expect(assess(events)).toMatchObject({ level: "STANDARD", floor: "STANDARD" });
  });

  it("under rule set v1 kept the latest checklist a floor however old", () => {
    expect(assess([police({ occurredAt: new Date("2018-03-02T20:00:00Z"), dash: dash(15) })], {}, [], RULES_V1).level).toBe("HIGH");
  });

  it("takes a MARAC referral on professional judgement as a HIGH floor while it stands (365 days, not 366)", () => {
    expect(assess([maracReferral("PROFESSIONAL_JUDGEMENT", { occurredAt: daysBefore(365) })]).level).toBe("HIGH");
    expect(assess([maracReferral("PROFESSIONAL_JUDGEMENT", { occurredAt: daysBefore(366) })]).level).toBe("STANDARD");
    expect(assess([maracReferral("REPEAT", { occurredAt: daysBefore(10) })]).floor).toBeNull();
  });
});

describe("repeat victimisation", () => {
  it("counts police-reported domestic abuse against the subject in the lookback: 1826 days, not 1827", () => {
    expect(reason([police({ occurredAt: daysBefore(1826) }), police({ occurredAt: daysBefore(1000) })], "repeatVictimisation")?.contribution).toBe(4);
    expect(reason([police({ occurredAt: daysBefore(1827) }), police({ occurredAt: daysBefore(1000) })], "repeatVictimisation")).toBeUndefined();
  });

  it("caps its contribution", () => {
    const six = [1, 2, 3, 4, 5, 6].map((n) => police({ occurredAt: daysBefore(OLD + n) }));
    expect(reason(six, "repeatVictimisation")?.contribution).toBe(RULES.rules.repeatVictimisation.maximumPoints);
  });

  it("counts a kind that is domestic abuse by definition, but not other crime or the subject as suspect", () => {
    const coercion = police({ occurredAt: daysBefore(OLD), kind: "COERCIVE_CONTROL", domesticAbuse: false });
    expect(reason([coercion, police({ occurredAt: daysBefore(OLD + 1) })], "repeatVictimisation")?.eventIds).toHaveLength(2);
    const street = police({ occurredAt: daysBefore(OLD), kind: "COMMON_ASSAULT", domesticAbuse: false });
    const asSuspect = police({ occurredAt: daysBefore(OLD), role: "SUSPECT" });
    expect(reason([street, asSuspect, police({ occurredAt: daysBefore(OLD + 1) })], "repeatVictimisation")).toBeUndefined();
  });
});

describe("frequency", () => {
  it("needs 3 incidents in the last 365 days: the oldest exactly 365 days ago counts, 366 does not", () => {
    const recent = [police({ occurredAt: daysBefore(200) }), police({ occurredAt: daysBefore(100) })];
    // Its own points, as v1 adds them: v2 counts these incidents once (see "incidents counted once").
    expect(assessRisk(input([police({ occurredAt: daysBefore(365) }), ...recent]), RULES_V1).reasons.find((found) => found.ruleId === "frequency")?.contribution).toBe(RULES.rules.frequency.points);
    expect(reason([police({ occurredAt: daysBefore(366) }), ...recent], "frequency")).toBeUndefined();
  });
});

describe("incidents counted once (rule set v2)", () => {
  const three = () => [police({ occurredAt: daysBefore(150) }), police({ occurredAt: daysBefore(100) }), police({ occurredAt: daysBefore(60) })];

  it("adds the points of the rule weighing the same incidents most, not the sum of repeat victimisation, frequency and rising frequency", () => {
    const v2 = assessRisk(input(three()), RULES);
    const counts = v2.reasons.filter((found) => ["repeatVictimisation", "frequency", "escalation.frequency"].includes(found.ruleId));
    expect(counts.map((found) => found.ruleId).sort()).toEqual(["escalation.frequency", "frequency", "repeatVictimisation"]);
    expect(counts.map((found) => found.contribution).sort((a, b) => b - a)).toEqual([6, 0, 0]);
    expect(counts.filter((found) => found.contribution === 0).every((found) => found.statement.endsWith("so it adds no points of its own."))).toBe(true);
    // Rule set v1 summed them: three incidents in five months counted as 15 points of one fact.
    const v1 = assessRisk(input(three()), RULES_V1);
    expect(v1.score - v2.score).toBe(RULES.rules.frequency.points + RULES.rules["escalation.frequency"].points);
  });

  it("leaves a lone count rule its own points", () => {
    const two = assessRisk(input(three().slice(1)), RULES).reasons.find((found) => found.ruleId === "repeatVictimisation");
    expect(two?.contribution).toBe(4);
  });
});

describe("escalation in frequency", () => {
  it("finds 3 incidents within 183 days of the latest where there were none before; not when the first is 184 days before", () => {
    const later = [police({ occurredAt: daysBefore(200) }), police({ occurredAt: daysBefore(100) })];
    const found = reason([police({ occurredAt: daysBefore(283) }), ...later], "escalation.frequency");
    expect(found?.statement).toMatch(/^Frequency rising: 3 incidents in the 183 days up to the domestic incident of .* in EVP, against 0 in the 183 days before\./);
    expect(reason([police({ occurredAt: daysBefore(284) }), ...later], "escalation.frequency")).toBeUndefined();
  });

  it("is not rising when the window before held as many", () => {
    const earlier = [440, 430, 420].map((days) => police({ occurredAt: daysBefore(days) }));
    const later = [100, 90, 80].map((days) => police({ occurredAt: daysBefore(days) }));
    expect(reason([...earlier, ...later], "escalation.frequency")).toBeUndefined();
  });
});

describe("escalation in harm", () => {
  const assault = (days: number) => police({ occurredAt: daysBefore(days), kind: "COMMON_ASSAULT" });

  it("finds an incident more harmful than any in the 1096 days before it, not 1097", () => {
    expect(reason([police({ occurredAt: daysBefore(1106) }), assault(10)], "escalation.harm")?.eventIds).toHaveLength(2);
    expect(reason([police({ occurredAt: daysBefore(1107) }), assault(10)], "escalation.harm")).toBeUndefined();
  });

  it("needs harm to rise by the minimum, and the rise to be recent (365 days, not 366)", () => {
    expect(reason([assault(100), assault(10)], "escalation.harm")).toBeUndefined();
    expect(reason([police({ occurredAt: daysBefore(400) }), assault(365)], "escalation.harm")).toBeDefined();
    expect(reason([police({ occurredAt: daysBefore(400) }), assault(366)], "escalation.harm")).toBeUndefined();
  });
});

describe("recency", () => {
  it("counts an incident 28 days ago, not 29", () => {
    expect(reason([police({ occurredAt: daysBefore(28) })], "recency")?.contribution).toBe(RULES.rules.recency.points);
    expect(reason([police({ occurredAt: daysBefore(29) })], "recency")).toBeUndefined();
  });

  it("counts abuse disclosed to health, not an injury alone", () => {
    expect(reason([health({ occurredAt: daysBefore(3), kind: "SAFEGUARDING_CONCERN", injury: false })], "recency")?.statement).toContain("recorded by health in NVH");
    expect(reason([health({ occurredAt: daysBefore(3) })], "recency")).toBeUndefined();
  });
});

describe("injuries seen by health", () => {
  it("counts injuries in the lookback: 1826 days, not 1827", () => {
    expect(reason([health({ occurredAt: daysBefore(1826) })], "health.injuries")?.contribution).toBe(3);
    expect(reason([health({ occurredAt: daysBefore(1827) })], "health.injuries")).toBeUndefined();
    expect(reason([health({ occurredAt: daysBefore(10), injury: false })], "health.injuries")).toBeUndefined();
  });

  it("caps its contribution", () => {
    const four = [10, 20, 30, 40].map((days) => health({ occurredAt: daysBefore(days) }));
    expect(reason(four, "health.injuries")?.contribution).toBe(RULES.rules["health.injuries"].maximumPoints);
  });
});

describe("social care involvement", () => {
  it("weighs the most serious episode, and children in the household", () => {
    const enquiry = care({ occurredAt: daysBefore(OLD), kind: "SECTION_47_ENQUIRY", role: "SUBJECT_OF_CONCERN", category: "PHYSICAL_ABUSE" });
    expect(reason([enquiry], "socialCare.involvement")).toMatchObject({ contribution: 5, statement: expect.stringContaining("section 47 enquiry in NMB") });
    const plan = care({ occurredAt: daysBefore(OLD), kind: "CHILD_PROTECTION_PLAN", role: "PARENT_OR_CARER" });
    expect(reason([enquiry, plan], "socialCare.involvement")?.contribution).toBe(6 + 3);
  });

  it("counts children in the household the council records for its client (rule set v2), not under v1", () => {
    const client = care({ occurredAt: daysBefore(OLD), kind: "REFERRAL", role: "SUBJECT_OF_CONCERN", markers: ["CHILDREN_IN_HOUSEHOLD"] });
    expect(reason([client], "socialCare.involvement")).toMatchObject({ contribution: 2 + 3, statement: expect.stringContaining("The council records children in the household.") });
    expect(assess([client], {}, [], RULES_V1).reasons.find((found) => found.ruleId === "socialCare.involvement")?.contribution).toBe(2);
  });

  it("reads episodes in the lookback (1826 days, not 1827) in which the subject is not the alleged perpetrator", () => {
    expect(reason([care({ occurredAt: daysBefore(1826) })], "socialCare.involvement")).toBeDefined();
    expect(reason([care({ occurredAt: daysBefore(1827) })], "socialCare.involvement")).toBeUndefined();
    expect(reason([care({ occurredAt: daysBefore(10), role: "ALLEGED_PERPETRATOR" })], "socialCare.involvement")).toBeUndefined();
  });
});

describe("cross-border history", () => {
  it("needs police history in two force areas within 1826 days, not 1827", () => {
    expect(reason([police({ occurredAt: daysBefore(1826), area: "NMC" }), police({ occurredAt: daysBefore(OLD) })], "crossBorder")?.statement).toContain("2 police force areas");
    expect(reason([police({ occurredAt: daysBefore(1827), area: "NMC" }), police({ occurredAt: daysBefore(OLD) })], "crossBorder")).toBeUndefined();
    expect(reason([police({ occurredAt: daysBefore(500) }), police({ occurredAt: daysBefore(OLD) })], "crossBorder")).toBeUndefined();
  });
});

describe("rule set v1's serial perpetrator named (v2 reads his whole history: perpetratorHistory.test.ts)", () => {
  const suspect = counterpart("SUSPECT", "subject-x");
  const theirs = (victim: string, days: number, area: string) =>
    police({ occurredAt: daysBefore(days), area, role: "SUSPECT", counterparts: [counterpart("VICTIM", victim)] });

  it("adds the serial-perpetrator rule when the subject's named perpetrator meets the MATAC test", () => {
    const events = [police({ occurredAt: daysBefore(OLD), counterparts: [suspect] })];
    const perpetrator = { subjectId: "subject-x", events: [theirs("subject-1", OLD, "EVP"), theirs("subject-2", 900, "NMC")] };
    const found = assess(events, {}, [perpetrator], RULES_V1).reasons.find((r) => r.ruleId === "serialPerpetrator");
    expect(found?.contribution).toBe(RULES_V1.rules.serialPerpetrator.points);
    expect(found?.statement).toContain("The subject's named perpetrator (subject subject-x) is a serial perpetrator. Meets the serial perpetrator test");
  });

  it("does not test someone the subject's events do not name", () => {
    const perpetrator = { subjectId: "subject-x", events: [theirs("subject-1", OLD, "EVP"), theirs("subject-2", 900, "NMC")] };
    expect(assess([police({ occurredAt: daysBefore(OLD) })], {}, [perpetrator], RULES_V1).reasons.map((r) => r.ruleId)).not.toContain("serialPerpetrator");
  });

  it("is replaced in rule set v2 by the perpetrator's history", () => {
    const events = [police({ occurredAt: daysBefore(OLD), counterparts: [suspect] })];
    const perpetrator = { subjectId: "subject-x", events: [theirs("subject-1", OLD, "EVP"), theirs("subject-2", 900, "NMC")] };
    expect(assess(events, {}, [perpetrator]).reasons.map((r) => r.ruleId)).toEqual(["perpetratorHistory"]);
  });
});

describe("MARAC history", () => {
  it("flags a MARAC case referred within 365 days, not 366", () => {
    expect(reason([maracReferral("REPEAT", { occurredAt: daysBefore(365) })], "maracHistory")).toMatchObject({
      contribution: RULES.rules.maracHistory.points,
      statement: "Already a MARAC case: 1 referral in the last 365 days, the latest on 19 Oct 2025 in EVP (criterion: repeat). A further incident makes the subject a repeat MARAC victim.",
    });
    expect(reason([maracReferral("REPEAT", { occurredAt: daysBefore(366) })], "maracHistory")).toBeUndefined();
  });
});

describe("the level", () => {
  it("is MEDIUM from a score of 10, STANDARD at 7", () => {
    const concern = health({ occurredAt: daysBefore(3), kind: "SAFEGUARDING_CONCERN", injury: false });
    const injuries = [health({ occurredAt: daysBefore(100) }), health({ occurredAt: daysBefore(200) })];
    expect(assess([concern, ...injuries])).toMatchObject({ score: 10, level: "MEDIUM" });
    expect(assess([concern, injuries[0]!])).toMatchObject({ score: 7, level: "STANDARD" });
  });

  it("is assessed as at `now`: later events are not read", () => {
    expect(assess([police({ occurredAt: new Date(NOW.getTime() + 1000), dash: dash(20) })]).level).toBe("STANDARD");
  });
});

describe("the basis", () => {
  it("lists the agencies not seen, with why, and reads only visible events", () => {
    const sources = [
      { agency: "police", visible: true, reason: null },
      { agency: "health", visible: false, reason: "withheld by the health access policy" },
    ];
    // Health's events are present but not visible: an assessment must not rest on them.
    const assessment = assess([police({ occurredAt: daysBefore(OLD) }), health({ occurredAt: daysBefore(10) }), health({ occurredAt: daysBefore(20) })], { sources });
    expect(assessment.basis).toMatchObject({
      agenciesSeen: ["police"],
      agenciesNotSeen: [{ agency: "health", reason: "withheld by the health access policy" }],
      areas: ["EVP"],
      ruleSetVersion: RULES.version,
      computedAt: NOW,
    });
    expect(assessment.reasons.map((r) => r.ruleId)).not.toContain("health.injuries");
    expect(assessment.summary).toContain("Not seen: health (withheld by the health access policy).");
  });
});
