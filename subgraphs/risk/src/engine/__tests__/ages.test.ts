import { assessRisk } from "../assessRisk";
import type { RiskEvent } from "../RiskEvent";
import { bornYearsBefore, daysBefore, him, input, police, RULES, RULES_V1 } from "./fixtures";

function ages(events: RiskEvent[], datesOfBirth: string[], ruleSet = RULES) {
  return assessRisk(input(events, { datesOfBirth }), ruleSet).reasons.find((reason) => reason.ruleId === "ages");
}

const current = [police({ occurredAt: daysBefore(30), counterparts: [him()] })];

describe("ages", () => {
  it("make a victim of 17 also a child to safeguard: children's social care leads beside MARAC", () => {
    const found = ages(current, [bornYearsBefore(17)])!;
    expect(found.statement).toContain("The subject is 17 (born");
    expect(found.statement).toContain("Domestic Abuse Act 2021, which applies from 16, and also a child under the Children Act 1989: children's social care leads on safeguarding them beside MARAC");
    expect(found.contribution).toBe(0);
    expect(assessRisk(input(current, { datesOfBirth: [bornYearsBefore(17)] }), RULES).headline).toContain("17: also a child to safeguard");
  });

  it("make abuse of a 15-year-old the abuse of a child, not domestic abuse in law", () => {
    expect(ages(current, [bornYearsBefore(15)])!.statement).toContain("under 16, the Domestic Abuse Act 2021 does not apply");
  });

  it("say nothing of an adult of 18, or of a victim whose abuse is not current", () => {
    expect(ages(current, [bornYearsBefore(18)])).toBeUndefined();
    expect(ages([police({ occurredAt: daysBefore(400), counterparts: [him()] })], [bornYearsBefore(17)])).toBeUndefined();
  });

  it("make an older woman abused by a relative an adult at risk (Care Act 2014 s42), and not one abused by a partner", () => {
    const byRelative = [police({ occurredAt: daysBefore(30), counterparts: [him({ relationship: "FAMILY_MEMBER" })] })];
    expect(ages(byRelative, [bornYearsBefore(78)])!.statement).toContain("The subject is 78 (born");
    expect(ages(byRelative, [bornYearsBefore(78)])!.statement).toContain("an adult at risk — where they have care and support needs, a Care Act 2014 section 42 enquiry");
    expect(ages([police({ occurredAt: daysBefore(30), counterparts: [him({ relationship: "CURRENT_PARTNER" })] })], [bornYearsBefore(78)])).toBeUndefined();
    expect(ages(byRelative, [bornYearsBefore(64)])).toBeUndefined();
  });

  it("read the most recent date of birth, and say when her records give another age", () => {
    expect(ages(current, [bornYearsBefore(17), bornYearsBefore(19)])!.statement).toContain("the records also give 19");
  });

  it("are unknown without a date of birth, and were not read by rule set v1", () => {
    expect(ages(current, [])).toBeUndefined();
    expect(ages(current, ["not a date"])).toBeUndefined();
    expect(ages(current, [bornYearsBefore(17)], RULES_V1)).toBeUndefined();
  });
});
