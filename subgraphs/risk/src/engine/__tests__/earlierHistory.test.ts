import { assessRisk } from "../assessRisk";
import type { RiskEvent } from "../RiskEvent";
import { counterpart, dash, daysBefore, health, input, maracReferral, police, RULES, RULES_V1 } from "./fixtures";

const oldroyd = () => [counterpart("SUSPECT", "subject-oldroyd", "NMC-N-4", "police", { displayName: "Marcus Oldroyd" })];

/** 2018: beaten and choked, a DASH of 15, referred to MARAC; 2026: an argument with a new partner, a fresh DASH of 2. */
function kerry(): RiskEvent[] {
  return [
    police({ occurredAt: new Date("2018-01-20T22:00:00Z"), area: "NMC", counterparts: oldroyd() }),
    police({ occurredAt: new Date("2018-03-10T22:00:00Z"), area: "NMC", kind: "ASSAULT_OCCASIONING_ABH", dash: dash(15, "HIGH"), counterparts: oldroyd() }),
    maracReferral("VISIBLE_HIGH_RISK", { occurredAt: new Date("2018-03-14T10:00:00Z"), area: "NMC", counterparts: oldroyd() }),
    police({ occurredAt: daysBefore(20), dash: dash(2, "STANDARD"), counterparts: [counterpart("SUSPECT", "subject-new-partner")] }),
  ];
}

describe("earlier history", () => {
  it("is context a reason shows — the 2018 referral, checklist and incidents — with no points and no floor", () => {
    const assessment = assessRisk(input(kerry()), RULES);
    expect(assessment.level).toBe("STANDARD");
    const found = assessment.reasons.find((reason) => reason.ruleId === "earlierHistory")!;
    expect(found).toMatchObject({ contribution: 0, floor: null });
    expect(found.statement).toBe(
      "Earlier history, older than the rules' windows: referred to MARAC on 14 Mar 2018 in NMC (visible high risk), a DASH of 15 graded HIGH after the assault occasioning ABH of 10 Mar 2018 in NMC " +
        "and 2 incidents reported to an agency between 20 Jan 2018 and 10 Mar 2018, naming Marcus Oldroyd. It is context for the questions to ask, not a floor and no points: the rules weigh what is current.",
    );
    expect(assessment.headline).toMatch(/^STANDARD\b/);
    expect(assessment.headline).not.toContain("2018");
  });

  it("leaves out what a current rule weighs, and what is older than ten years", () => {
    expect(assessRisk(input([police({ occurredAt: daysBefore(300) }), health({ occurredAt: daysBefore(30), kind: "SAFEGUARDING_CONCERN", injury: false })]), RULES).reasons.map((r) => r.ruleId)).not.toContain("earlierHistory");
    expect(assessRisk(input([police({ occurredAt: daysBefore(3654) })]), RULES).reasons.map((r) => r.ruleId)).not.toContain("earlierHistory");
    expect(assessRisk(input([police({ occurredAt: daysBefore(3653) })]), RULES).reasons.map((r) => r.ruleId)).toContain("earlierHistory");
  });

  it("was not shown by rule set v1, which set the 2018 checklist as a floor instead only when it was the latest", () => {
    expect(assessRisk(input(kerry()), RULES_V1).reasons.map((r) => r.ruleId)).not.toContain("earlierHistory");
  });
});
