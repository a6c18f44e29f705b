import { assessRisk } from "../assessRisk";
import type { RiskEvent } from "../RiskEvent";
import { care, daysBefore, health, him, input, police, RULES, RULES_V1 } from "./fixtures";

/** A twin's history: an assault three weeks ago after an earlier domestic incident — MEDIUM on its own. */
function assault(): RiskEvent[] {
  return [
    police({ occurredAt: daysBefore(200), counterparts: [him()] }),
    police({ occurredAt: daysBefore(21), kind: "COMMON_ASSAULT", counterparts: [him()] }),
  ];
}

/** At 33 weeks: a maternity booking, an antenatal visit, triage the day after the assault. */
function maternity(): RiskEvent[] {
  return [
    health({ occurredAt: daysBefore(160), kind: "MATERNITY", injury: false, markers: ["PREGNANCY"] }),
    health({ occurredAt: daysBefore(60), kind: "MATERNITY", injury: false, markers: ["PREGNANCY"] }),
    health({ occurredAt: daysBefore(20), kind: "MATERNITY", injury: false, markers: ["PREGNANCY"] }),
  ];
}

describe("pregnancy and a new baby alongside current abuse", () => {
  it("raise the level one band, as DASH Q9 weighs them: her twin with no health records is MEDIUM, she is HIGH", () => {
    const twin = assessRisk(input(assault()), RULES);
    expect(twin.level).toBe("MEDIUM");
    const pregnant = assessRisk(input([...assault(), ...maternity()]), RULES);
    expect(pregnant).toMatchObject({ level: "HIGH", computedLevel: twin.computedLevel, floor: "HIGH" });
    const found = pregnant.reasons.find((reason) => reason.ruleId === "pregnancy")!;
    expect(found.statement).toMatch(/^Pregnancy, recorded by health \(maternity in NVH, .*\), alongside current abuse \(the common assault of .*\): the level is raised one band/);
    expect(pregnant.headline).toContain("she is pregnant");
  });

  it("raise STANDARD to MEDIUM, and leave HIGH as HIGH", () => {
    const one = [police({ occurredAt: daysBefore(21), counterparts: [him()] })];
    expect(assessRisk(input(one), RULES).level).toBe("STANDARD");
    expect(assessRisk(input([...one, ...maternity()]), RULES).level).toBe("MEDIUM");
  });

  it("count a baby under one in her household from social care, as a parent", () => {
    const baby = care({ occurredAt: daysBefore(90), kind: "CHILD_IN_NEED", role: "PARENT_OR_CARER", markers: ["NEW_BABY", "CHILDREN_IN_HOUSEHOLD"] });
    const assessment = assessRisk(input([police({ occurredAt: daysBefore(21), counterparts: [him()] }), baby]), RULES);
    expect(assessment.reasons.find((reason) => reason.ruleId === "pregnancy")!.statement).toMatch(/^A baby under one, recorded by social care/);
  });

  it("do not raise the level without current abuse, nor from a pregnancy recorded more than 280 days ago", () => {
    const lastYear = [police({ occurredAt: daysBefore(400), counterparts: [him()] })];
    expect(assessRisk(input([...lastYear, ...maternity()]), RULES).reasons.map((reason) => reason.ruleId)).not.toContain("pregnancy");
    const booking = health({ occurredAt: daysBefore(281), kind: "MATERNITY", injury: false, markers: ["PREGNANCY"] });
    expect(assessRisk(input([...assault(), booking]), RULES).level).toBe("MEDIUM");
  });

  it("were the same level and score as the twin's under rule set v1", () => {
    const twin = assessRisk(input(assault()), RULES_V1);
    expect(assessRisk(input([...assault(), ...maternity()]), RULES_V1)).toMatchObject({ level: twin.level, score: twin.score });
  });
});
